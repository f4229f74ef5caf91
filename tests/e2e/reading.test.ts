import { describe, expect, it } from 'vitest';
import { seedArticle } from '../support/seed';
import { useBuiltSite } from '../support/site';

const seed = seedArticle();
const articlePath = 'articles/kiev-allies-coordinate-aid-under-pressure-from-zelenskyy/';

describe('a reader in Chromium', () => {
  const t = useBuiltSite();

  it('finds the article on the home page and opens it', async () => {
    const context = await t.chromium.newContext();
    const page = await context.newPage();
    await page.goto(t.site.url);
    await page.getByRole('link', { name: seed.title }).click();
    await expect.poll(() => page.url()).toBe(t.site.url + articlePath);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(seed.title);
    await context.close();
  });

  it('sees the headline, the date, the sections and every paragraph, without JavaScript', async () => {
    const context = await t.chromium.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(t.site.url + articlePath);

    expect(await page.locator('article time').first().innerText()).toBe('21 April 2023');
    const sections = await page.locator('.article-body h2').allInnerTexts();
    expect(sections.length).toBeGreaterThanOrEqual(4);
    for (const heading of sections) {
      expect(await page.getByRole('heading', { level: 2, name: heading }).isVisible()).toBe(true);
    }

    const shown = (await page.locator('.article-body').innerText()).replace(/\s+/g, ' ');
    for (const paragraph of seed.paragraphs) expect(shown).toContain(paragraph);
    for (const paragraph of seed.paragraphs.slice(0, 3)) {
      expect(await page.getByText(paragraph, { exact: true }).isVisible()).toBe(true);
    }
    await context.close();
  });

  it('gets the 404 page, with status 404, for an unknown address', async () => {
    const context = await t.chromium.newContext();
    const page = await context.newPage();
    const response = await page.goto(t.site.url + 'articles/no-such-story/');
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Page not found');
    await context.close();
  });
});
