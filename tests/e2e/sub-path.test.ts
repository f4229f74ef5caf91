import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPictures, seedSlug } from '../support/article-source';
import { buildTemporarySite, type TemporaryBuild } from '../support/build';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { projectRoot } from '../support/paths';
import { serveStatic, type StaticSite } from '../support/server';

let build: TemporaryBuild;
let site: StaticSite;
let chromium: TestBrowser;

beforeAll(async () => {
  build = await buildTemporarySite(
    {
      [`articles/${seedSlug}.md`]: readFileSync(
        join(projectRoot, 'content/articles', `${seedSlug}.md`),
        'utf8',
      ),
      'glossary.yaml': readFileSync(join(projectRoot, 'content/glossary.yaml'), 'utf8'),
      ...seedPictures(),
    },
    { BASE_PATH: '/news/', SITE_URL: 'https://example.org' },
  );
  if (build.exitCode !== 0) throw new Error(build.output.slice(-4000));
  site = await serveStatic({ root: build.distDir, base: '/news/' });
  chromium = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await site?.close();
});

describe('the site under a sub-path (/news/)', () => {
  it('links from the home page to the article, its sections, paragraphs and tags', async () => {
    const context = await chromium.newContext({
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) missing.push(response.url());
    });
    await page.goto(site.url);
    await page.locator('.lead-story a, .article-card a').first().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/news/articles/${seedSlug}/`);

    await page
      .getByRole('navigation', { name: 'In this article' })
      .getByRole('link', { name: 'Fighter jets' })
      .click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('fighter-jets');

    const paragraph = page.locator('.article-body > p').nth(2);
    await paragraph.locator('.paragraph-link').focus();
    await page.keyboard.press('Enter');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(
      new RegExp(`^${site.origin}/news/articles/${seedSlug}/#p-[0-9a-z]{26}:~:text=`),
    );

    await page.locator('a[rel="tag"]').first().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/news/tags/ukraine/');
    expect(missing).toEqual([]);
    await context.close();
  });

  it('searches from the header and lands on the paragraph', async () => {
    const page = await chromium.browser.newPage();
    await page.goto(`${site.url}tags/nato/`);
    await page.locator('#search-input').fill('Pistorius');
    await page.locator('#search-panel .search-hit a').last().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/news/articles/${seedSlug}/`);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain('Boris Pistorius');

    await page.goto(`${site.url}articles/${seedSlug}/`);
    await page.locator('#search-input').fill('Kyiv');
    await page.locator('#search-input').press('Enter');
    await expect.poll(() => page.url()).toBe(`${site.url}search/?q=Kyiv`);
    await page.locator('.search-hit').first().waitFor();
    expect(await page.locator('.search-hit a').first().getAttribute('href')).toMatch(
      /^\/news\/articles\//,
    );
    await page.close();
  });

  it('gives the feed, canonical URLs, sitemap and robots.txt the sub-path', () => {
    const rss = readFileSync(join(build.distDir, 'rss.xml'), 'utf8');
    expect(rss).toContain(`<link>https://example.org/news/articles/${seedSlug}/</link>`);
    const article = readFileSync(join(build.distDir, 'articles', seedSlug, 'index.html'), 'utf8');
    expect(article).toContain(
      `<link rel="canonical" href="https://example.org/news/articles/${seedSlug}/">`,
    );
    expect(readFileSync(join(build.distDir, 'sitemap-0.xml'), 'utf8')).toContain(
      `https://example.org/news/articles/${seedSlug}/`,
    );
    expect(readFileSync(join(build.distDir, 'robots.txt'), 'utf8')).toContain(
      'Sitemap: https://example.org/news/sitemap-index.xml',
    );
  });
});
