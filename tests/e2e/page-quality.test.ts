import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedSlug } from '../support/article-source';
import { axeViolations } from '../support/axe';
import { distDir } from '../support/paths';
import { useBuiltSite } from '../support/site';

const article = `articles/${seedSlug}/`;
const pages: [string, string][] = [
  ['home', ''],
  ['article', article],
  ['tag', 'tags/nato/'],
  ['search with results', 'search/?q=Stoltenberg'],
  ['404', 'articles/no-such-story/'],
];

/** Records CSP violations, from the first script on. */
async function watchViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { violations: string[] }).violations.push(
        `${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
}
const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { violations: string[] }).violations);

async function settle(page: Page, path: string): Promise<void> {
  if (path.startsWith('search/')) await page.locator('.search-hit').first().waitFor();
}

describe('accessibility (axe-core, WCAG 2.2 A and AA)', () => {
  const t = useBuiltSite();

  for (const colorScheme of ['light', 'dark'] as const) {
    it.each(pages)(`%s page, ${colorScheme} scheme, has no violations`, async (_, path) => {
      const context = await t.chromium.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(t.site.url + path);
      await settle(page, path);
      const found = await axeViolations(page);
      expect(found).toEqual([]);
      await context.close();
    });
  }

  it('the article page with the search panel open has no violations', async () => {
    const context = await t.chromium.newContext();
    const page = await context.newPage();
    await page.goto(t.site.url + article);
    await page.locator('#search-input').fill('Kyiv');
    await page.locator('#search-panel .search-hit').first().waitFor();
    const ids = await axeViolations(page);
    expect(ids).toEqual([]);
    await context.close();
  });
});

describe('weight and requests', () => {
  const t = useBuiltSite();

  it('the article page loads in at most 3 requests and 12 KB gzipped', async () => {
    const context = await t.chromium.newContext();
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(t.site.url + article, { waitUntil: 'networkidle' });
    expect(requested.length).toBeLessThanOrEqual(3);
    const gzipped = requested
      .map((path) =>
        join(distDir, decodeURIComponent(path), path.endsWith('/') ? 'index.html' : ''),
      )
      .reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 6 }).length, 0);
    expect(gzipped).toBeLessThanOrEqual(12 * 1024);
    await context.close();
  });

  it('no page, search included, asks any other host for anything, and no policy is violated', async () => {
    const context = await t.chromium.newContext({
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await watchViolations(context);
    const elsewhere: string[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === t.site.origin) return route.continue();
      elsewhere.push(url.href);
      return route.abort();
    });
    const page = await context.newPage();
    for (const [, path] of pages) {
      await page.goto(t.site.url + path, { waitUntil: 'networkidle' });
      await settle(page, path);
      expect(await violations(page), path).toEqual([]);
    }
    // The interactive parts too: search as you type, follow a result, copy a paragraph link.
    await page.goto(t.site.url + article);
    await page.locator('#search-input').fill('Patriot');
    await page.locator('#search-panel .search-hit a').last().click();
    await page.locator('.is-linked').waitFor();
    await page.locator('.is-linked .paragraph-link').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#link-status').textContent()).toContain('copied');
    expect(await violations(page)).toEqual([]);
    expect(elsewhere).toEqual([]);
    await context.close();
  });
});

describe('print', () => {
  const t = useBuiltSite();

  it('leaves out navigation, search and the ¶ controls, and prints no relative address', async () => {
    const context = await t.chromium.newContext();
    const page = await context.newPage();
    await page.goto(t.site.url + article);
    await page.emulateMedia({ media: 'print' });
    for (const selector of [
      '.site-header',
      '.toc',
      '.paragraph-link',
      '.heading-anchor',
      '.skip-link',
    ]) {
      expect(await page.locator(selector).first().isVisible(), selector).toBe(false);
    }
    expect(await page.locator('.article-body p').first().isVisible()).toBe(true);
    const after = await page
      .locator('.article-footer a[rel="tag"]')
      .first()
      .evaluate((a) => getComputedStyle(a, '::after').content);
    // A tag is printed as a word: its address would be a path, of no use on paper. Full
    // addresses are printed (tests/e2e/article-page.test.ts).
    expect(['none', 'normal']).toContain(after);
    await context.close();
  });
});
