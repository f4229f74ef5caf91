import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe';
import { buildTemporarySite } from '../support/build';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { serveStatic, type StaticSite } from '../support/server';

/**
 * An archive of more articles than a page or a feed shows: fifty-five reports, one a day from
 * 1 March 2024, each with five paragraphs about a convoy, all tagged "Convoys".
 */
const days = Array.from({ length: 55 }, (_, i) => i + 1);
const title = (day: number) => `Convoy report ${day}`;
const newestFirst = days.slice().reverse().map(title);

function article(day: number): string {
  const paragraphs = Array.from(
    { length: 5 },
    (_, i) => `Paragraph ${i + 1} of report ${day}: the convoy crossed checkpoint ${i + day * 10}.`,
  );
  const published = new Date(Date.UTC(2024, 2, day)).toISOString().slice(0, 10);
  return [
    '---',
    `title: ${title(day)}`,
    `description: What happened to the convoy on day ${day}.`,
    `published: ${published}`,
    'tags: [Convoys]',
    '---',
    '',
    ...paragraphs.flatMap((paragraph) => [paragraph, '']),
  ].join('\n');
}

let site: StaticSite;
let distDir: string;
let chromium: TestBrowser;

beforeAll(async () => {
  const build = await buildTemporarySite(
    Object.fromEntries(days.map((day) => [`articles/report-${day}.md`, article(day)])),
  );
  if (build.exitCode !== 0) throw new Error(build.output.slice(-4000));
  distDir = build.distDir;
  site = await serveStatic({ root: distDir });
  chromium = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await chromium?.close();
  await site?.close();
});

async function searchPage(query: string) {
  const page = await chromium.browser.newPage();
  await page.goto(`${site.url}search/?${query}`);
  await page.locator('#search-results[data-query]').waitFor({ state: 'attached' });
  return page;
}

const titles = (page: Awaited<ReturnType<typeof searchPage>>) =>
  page.locator('.search-result__title').allTextContents();

describe('the lists of an archive', () => {
  it.each([
    ['home page', ''],
    ['tag page', 'tags/convoys/'],
  ])('the %s shows the thirty newest, and pages through them all', async (_, path) => {
    const page = await chromium.browser.newPage();
    await page.goto(site.url + path);
    // On the front page the newest article leads, above the list.
    const listed = () => page.locator('.lead-story__title, .article-card__title').allTextContents();
    const where = () => page.locator('.pagination__where').textContent();
    expect(await listed()).toEqual(newestFirst.slice(0, 30));
    expect(await where()).toBe('The newest 30 of 55 articles');
    expect(await page.locator('.pagination a[rel="prev"]').count()).toBe(0);

    // Numbered pages count from the oldest: page 1 holds the first thirty reports, page 2 the
    // 25 after them. "Older" goes to page 1, which holds the first report the front leaves out
    // and repeats the front's oldest five.
    await page.getByRole('link', { name: 'Older articles' }).click();
    await page.waitForURL(`${site.url}${path}page/1/`);
    expect(await listed()).toEqual(newestFirst.slice(25));
    expect(await where()).toBe('Page 1: 1\u2009–\u200930 March 2024');
    expect(await page.title()).toMatch(/: 1\u2009–\u200930 March 2024, page 1 \| Dispatch$/);
    expect(await page.locator('.pagination a[rel="next"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Newer articles' }).click();
    await page.waitForURL(`${site.url}${path}page/2/`);
    expect(await listed()).toEqual(newestFirst.slice(0, 25));
    expect(await where()).toBe('Page 2: 31 March\u2009–\u200924 April 2024');

    await page.getByRole('link', { name: 'Newer articles' }).click();
    await page.waitForURL(site.url + path);
    await page.close();
  });
});

describe('the feeds of an archive', () => {
  const read = (path: string) => readFileSync(join(distDir, path), 'utf8');
  const itemTitles = (feed: string) =>
    [...feed.matchAll(/<item><title>([^<]*)<\/title>/g)].map((match) => match[1]);
  /** The address path of the feed's `<atom:link rel="...">`, if it has one. */
  const link = (feed: string, rel: string) => {
    const href = new RegExp(`<atom:link href="([^"]*)" rel="${rel}"`).exec(feed)?.[1];
    return href === undefined ? undefined : new URL(href).pathname;
  };

  it('the subscription feed carries the fifty newest articles, newest first', () => {
    const feed = read('rss.xml');
    expect(itemTitles(feed)).toEqual(newestFirst.slice(0, 50));
    expect(link(feed, 'self')).toBe('/rss.xml');
  });

  it('links back to archive feeds (RFC 5005) that, with it, hold every article', () => {
    const feed = read('rss.xml');
    expect(link(feed, 'prev-archive')).toBe('/rss/archive/1.xml');
    const archive = read('rss/archive/1.xml');
    // The oldest fifty, newest first; a full archive page never changes.
    expect(itemTitles(archive)).toEqual(newestFirst.slice(5));
    expect(archive).toMatch(/<fh:archive\s*\/>|<fh:archive><\/fh:archive>/);
    expect(link(archive, 'self')).toBe('/rss/archive/1.xml');
    expect(link(archive, 'current')).toBe('/rss.xml');
    expect(link(archive, 'prev-archive')).toBeUndefined();
    expect(link(archive, 'next-archive')).toBeUndefined();
    expect(new Set([...itemTitles(feed), ...itemTitles(archive)])).toEqual(new Set(newestFirst));
  });
});

describe('search over an archive', () => {
  it('shows ten articles at first, three passages each, and more on request', async () => {
    const page = await searchPage('q=convoy');
    expect(await titles(page)).toHaveLength(10);
    expect(await page.locator('#search-status').textContent()).toBe(
      '55 articles match; the first 10 are shown.',
    );
    const first = page.locator('.search-result').first();
    // The standfirst and five paragraphs match: three shown, three behind the disclosure.
    expect(await first.locator(':scope > .search-result__hits .search-hit').count()).toBe(3);
    const disclosure = first.locator('details.search-result__more');
    expect(await disclosure.locator('summary').textContent()).toBe(
      '3 more passages in this article',
    );
    expect(await disclosure.locator('.search-hit').first().isVisible()).toBe(false);
    await disclosure.locator('summary').click();
    expect(await disclosure.locator('.search-hit').first().isVisible()).toBe(true);

    const more = page.getByRole('button', { name: 'Show more results' });
    await more.click();
    await expect.poll(() => titles(page).then((list) => list.length)).toBe(20);
    expect(await more.isVisible()).toBe(true);
    // Focus goes to the first article that was not there before.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(
      /^Convoy report \d+$/,
    );
    expect(await page.evaluate(() => document.activeElement?.closest('li'))).toBeTruthy();
    const focusedIndex = await page.evaluate(() =>
      [...document.querySelectorAll('.search-result')].findIndex((item) =>
        item.contains(document.activeElement),
      ),
    );
    expect(focusedIndex).toBe(10);
    await page.close();
  });

  it('sorts every match by date, not only the articles shown', async () => {
    const page = await searchPage('q=convoy&sort=date');
    expect(await titles(page)).toEqual(newestFirst.slice(0, 10));
    await page.close();
  });

  it('reaches the disclosures and "Show more results" with the arrow keys', async () => {
    const page = await searchPage('q=convoy');
    await page.locator('#search-input').focus();
    const stops: string[] = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('ArrowDown');
      stops.push(await page.evaluate(() => document.activeElement?.tagName ?? ''));
    }
    expect(stops).toContain('SUMMARY');
    expect(stops.at(-1)).toBe('BUTTON');
    await page.close();
  });

  it.each(['light', 'dark'] as const)(
    'has no accessibility violations with a disclosure open, %s scheme',
    async (colorScheme) => {
      const context = await chromium.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(`${site.url}search/?q=convoy`);
      await page.locator('.search-result__more summary').first().click();
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    },
  );
});
