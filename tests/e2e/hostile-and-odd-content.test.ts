import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTemporarySite } from '../support/build';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { fixturesDir, projectRoot } from '../support/paths';
import { serveStatic, type StaticSite } from '../support/server';
import { waitForLanding } from '../support/landing';

/** A 20,000-word article: 400 paragraphs of 50 words, a heading every 40 paragraphs. */
function longArticle(): string {
  const words =
    'allies ministers talks artillery ammunition winter front supply repair tanks'.split(' ');
  const paragraphs: string[] = [];
  for (let i = 0; i < 400; i++) {
    if (i % 40 === 0) paragraphs.push(`## Part ${i / 40 + 1}`);
    const sentence = Array.from(
      { length: 50 },
      (_, j) => words[(i * 7 + j * 3) % words.length],
    ).join(' ');
    paragraphs.push(`Paragraph ${i + 1}: ${sentence}.`);
  }
  return `---\ntitle: A very long report\ndescription: Twenty thousand words.\npublished: 2023-05-11\n---\n\n${paragraphs.join('\n\n')}\n`;
}

let site: StaticSite;
let chromium: TestBrowser;

beforeAll(async () => {
  const fixtures = Object.fromEntries(
    readdirSync(join(fixturesDir, 'articles')).map((file) => [
      `articles/${file}`,
      readFileSync(join(fixturesDir, 'articles', file), 'utf8'),
    ]),
  );
  const build = await buildTemporarySite({
    ...fixtures,
    'articles/long.md': longArticle(),
    'glossary.yaml': readFileSync(join(projectRoot, 'content/glossary.yaml'), 'utf8'),
  });
  if (build.exitCode !== 0) throw new Error(build.output.slice(-4000));
  site = await serveStatic({ root: build.distDir });
  chromium = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await chromium?.close();
  await site?.close();
});

/** A page that records dialogs, page errors and console errors. */
async function watchedPage(): Promise<{ page: Page; incidents: string[] }> {
  const page = await chromium.browser.newPage();
  const incidents: string[] = [];
  page.on('dialog', (dialog) => {
    incidents.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => incidents.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A broken image (`<img src=x>` keeps its harmless relative address) is not script.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      incidents.push(`console: ${message.text()}`);
    }
  });
  return { page, incidents };
}

describe('an article carrying 40 known XSS vectors', () => {
  it('runs none of them, even when the reader hovers, focuses and clicks everything', async () => {
    const { page, incidents } = await watchedPage();
    await page.goto(`${site.url}articles/xss/`);
    for (const element of await page.locator('.article-body *').all()) {
      if (await element.isVisible())
        await element.hover({ force: true, timeout: 1000 }).catch(() => {});
    }
    for (const link of await page.locator('.article-body a:not(.paragraph-link)').all()) {
      await link.click({ timeout: 1000 }).catch(() => {});
    }
    await page.keyboard.press('Tab');
    await page.waitForTimeout(300);
    expect(incidents).toEqual([]);
    await page.close();
  });

  it('keeps its text, and nothing that could run reaches the page', async () => {
    const { page } = await watchedPage();
    await page.goto(`${site.url}articles/xss/`);
    const text = await page.locator('.article-body').innerText();
    for (const words of [
      'must survive: Alpha.',
      'Vector 1 follows.',
      'Vector 40 follows.',
      'Omega.',
      'Link 8',
      'Hover 30',
    ]) {
      expect(text).toContain(words);
    }
    const dangerous = await page.evaluate(() => {
      const body = document.querySelector('.article-body')!;
      const found: string[] = [];
      for (const tag of [
        'script',
        'style',
        'iframe',
        'object',
        'embed',
        'form',
        'input',
        'button',
        'base',
        'meta',
        'link',
        'template',
        'svg',
        'math',
      ]) {
        if (body.querySelector(tag)) found.push(tag);
      }
      for (const element of document.querySelectorAll('main *')) {
        for (const attribute of element.attributes) {
          if (
            attribute.name.startsWith('on') ||
            attribute.name === 'style' ||
            attribute.name === 'srcdoc'
          ) {
            found.push(`${element.tagName} ${attribute.name}`);
          }
          if (
            /^(href|src|srcset|action|formaction|data|xlink:href)$/.test(attribute.name) &&
            /^\s*(javascript|data|vbscript):/i.test(attribute.value)
          ) {
            found.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
          }
        }
      }
      return found;
    });
    expect(dangerous).toEqual([]);
    expect(await page.locator('h1').textContent()).toBe(
      'Hostile markup <script>alert("title")</script> survives as text',
    );
    await page.close();
  });

  it('shows as text in search titles and excerpts', async () => {
    const { page, incidents } = await watchedPage();
    await page.goto(`${site.url}search/?q=Alpha`);
    await page.locator('.search-hit').first().waitFor();
    expect(await page.locator('.search-result__title').allTextContents()).toContain(
      'Hostile markup <script>alert("title")</script> survives as text',
    );
    expect(await page.locator('.search-results script, .search-results img').count()).toBe(0);
    expect(incidents).toEqual([]);
    await page.close();
  });
});

describe('odd but valid articles', () => {
  it.each([
    ['Київ', 'Київ — столиця України'],
    ['Αθήνα', 'Η Αθήνα είναι η πρωτεύουσα'],
    ['北京', '北京是中国的首都'],
    ['首都', '北京是中国的首都'],
    ['القاهرة', 'القاهرة هي عاصمة مصر'],
  ])('search finds %s in its own script', async (query, passage) => {
    const { page } = await watchedPage();
    await page.goto(`${site.url}search/?q=${encodeURIComponent(query)}`);
    await page.locator(`#search-results[data-query^="${query}"]`).waitFor({ state: 'attached' });
    const excerpts = await page.locator('.search-hit__text').allTextContents();
    expect(excerpts.some((excerpt) => excerpt.includes(passage))).toBe(true);
    expect(await page.locator('.search-hit mark').allTextContents()).toContain(query);
    await page.close();
  });

  it('shows right-to-left text right to left: a whole Arabic article, and an Arabic paragraph elsewhere', async () => {
    const { page } = await watchedPage();
    await page.goto(`${site.url}articles/arabic/`);
    expect(
      await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
    ).toEqual(['ar', 'rtl']);
    await page.goto(`${site.url}articles/scripts/`);
    const direction = (text: string) =>
      page
        .locator('.article-body p', { hasText: text })
        .evaluate((p) => getComputedStyle(p).direction);
    expect(await direction('القاهرة هي عاصمة مصر')).toBe('rtl');
    expect(await direction('Київ — столиця України')).toBe('ltr');
    expect(await page.locator('.article-body').innerText()).toContain('🐪');
    await page.close();
  });

  it('gives headings in every script and repeated headings valid, unique ids the contents link to', async () => {
    const { page } = await watchedPage();
    for (const [slug, ids] of [
      ['scripts', ['київ', 'αθήνα', '北京', 'القاهرة', 'emoji-']],
      ['duplicate-headings', ['update', 'update-1', 'update-2']],
    ] as const) {
      await page.goto(`${site.url}articles/${slug}/`);
      expect(
        await page.locator('.article-body h2').evaluateAll((hs) => hs.map((h) => h.id)),
      ).toEqual(ids);
      expect(
        await page
          .locator('.toc a')
          .evaluateAll((as) => as.map((a) => decodeURIComponent(a.getAttribute('href')!))),
      ).toEqual(ids.map((id) => `#${id}`));
      await page.locator('.toc a').last().click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(ids.at(-1));
    }
    await page.close();
  });

  it('reads an article with no headings, one of a single paragraph and one of 20,000 words', async () => {
    const { page, incidents } = await watchedPage();
    await page.goto(`${site.url}articles/no-headings/`);
    expect(await page.locator('.toc').count()).toBe(0);
    expect(await page.locator('.article-body p').count()).toBe(3);
    await page.goto(`${site.url}articles/single-paragraph/`);
    expect(await page.locator('.article-body p').count()).toBe(1);
    await page.goto(`${site.url}articles/long/`);
    const ids = await page.locator('.article-body p').evaluateAll((ps) => ps.map((p) => p.id));
    expect(ids).toHaveLength(400);
    expect(new Set(ids).size).toBe(400);
    // 20,830 words with the paragraph numbers and headings, at 230 a minute.
    expect(await page.locator('.reading-time').textContent()).toBe('91 min read');
    await page.goto(`${site.url}articles/long/#${ids[399]}`);
    await waitForLanding(page);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(
      'Paragraph 400:',
    );
    expect(incidents).toEqual([]);
    await page.close();
  });
});
