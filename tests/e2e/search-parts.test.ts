/**
 * Search over an index in many parts (two articles a part): a part that holds none of a query's
 * words is never asked; sorted by date it stops at the parts that gave enough; by relevance it
 * stops once no older part can rank among the first results, and counts from the word directory.
 * A word held by at most three articles (the postings limit of this build) is found by its
 * postings in the directory: no part is asked at all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PARTS_MANIFEST, type PartsManifest } from '../../src/lib/search-parts';
import { axeViolations } from '../support/axe';
import { projectRoot } from '../support/paths';
import { useTemporarySite } from '../support/site';

/** Harbour reports, January 2023: the newest parts. */
const ARTICLES = 12;
/** Archive notes, January 2019, four years older: the oldest parts. */
const OLD = 12;
const PARTS = (ARTICLES + OLD) / 2;
const day = (n: number) => `2023-01-${String(n).padStart(2, '0')}`;
const oldDay = (n: number) => `2019-01-${String(n).padStart(2, '0')}`;
/** The folder name of the part at `place` (0 the oldest). */
const part = (place: number) => String(place).padStart(4, '0');
const files: Record<string, string> = {
  'glossary.yaml': readFileSync(join(projectRoot, 'content/glossary.yaml'), 'utf8'),
};
const article = (
  title: string,
  description: string,
  published: string,
  tag: string,
  text: string,
) =>
  [
    '---',
    `title: ${title}`,
    `description: ${description}`,
    `published: ${published}`,
    'language: en',
    'tags:',
    `  - ${tag}`,
    '---',
    '',
    text,
    '',
  ].join('\n');
for (let n = 1; n <= ARTICLES; n++) {
  files[`articles/harbour-${n}.md`] = article(
    `Harbour report number ${n}`,
    `Dock ${n} reopens after the storm.`,
    day(n),
    n % 2 === 0 ? 'Even' : 'Odd',
    `The harbour at dock ${n} reopened on Monday, officials said. Officials expect ships by ` +
      `Friday, and officials thanked the crews.${n === ARTICLES ? ' The lighthouse is lit.' : ''}` +
      `${n >= ARTICLES - 1 ? ' A beacon guides them.' : ''}`,
  );
}
for (let n = 1; n <= OLD; n++) {
  files[`articles/archive-${n}.md`] = article(
    `Archive note number ${n}`,
    `Shelf ${n} is catalogued.`,
    oldDay(n),
    'Archive',
    `Officials said the records on shelf ${n} were catalogued.${n === 1 ? ' A lighthouse log is among them.' : ''}` +
      `${n <= 2 ? ' A beacon log too.' : ''}`,
  );
}

const t = useTemporarySite(files, {
  SEARCH_PART_SIZE: '2',
  SEARCH_POSTINGS: '3',
});
let manifest: PartsManifest;

beforeAll(() => {
  manifest = JSON.parse(readFileSync(join(t.distDir, PARTS_MANIFEST), 'utf8')) as PartsManifest;
});

/**
 * A fresh search page, with every request to a part's index chunks written down, and every
 * fragment's.
 */
async function searchPage(
  address: string,
): Promise<{ page: Page; chunks: Set<string>; fragments: string[] }> {
  const page = await t.chromium.browser.newPage();
  const chunks = new Set<string>();
  const fragments: string[] = [];
  page.on('request', (request) => {
    const part = /\/pagefind\/parts\/(\d+)\/index\//.exec(request.url())?.[1];
    if (part) chunks.add(part);
    const fragment = /\/pagefind\/parts\/(\d+)\/fragment\//.exec(request.url())?.[1];
    if (fragment) fragments.push(fragment);
  });
  await page.goto(`${t.site.url}search/${address}`);
  return { page, chunks, fragments };
}

const dates = (page: Page) =>
  page
    .locator('#search-results .search-result__date time')
    .evaluateAll((times) => times.map((time) => time.getAttribute('datetime')));

describe('an index in many parts', () => {
  it('is cut into parts of two articles, newest first', () => {
    expect(manifest.articles).toBe(ARTICLES + OLD);
    expect(manifest.parts.map((entry) => [entry.oldest, entry.newest])).toEqual([
      ...[...Array(ARTICLES / 2).keys()].reverse().map((i) => [day(2 * i + 1), day(2 * i + 2)]),
      ...[...Array(OLD / 2).keys()].reverse().map((i) => [oldDay(2 * i + 1), oldDay(2 * i + 2)]),
    ]);
  });

  it('asks only the parts that hold a word, as the word directory says', async () => {
    const { page, chunks } = await searchPage('?q=beacon');
    await page
      .locator('#search-results[data-query="beacon||relevance"]')
      .waitFor({ state: 'attached' });
    expect(await page.locator('#search-results .search-result').count()).toBe(4);
    expect(await page.locator('#search-status').textContent()).toBe(
      '4 passages in 4 articles match.',
    );
    // The two newest harbour reports and the two oldest archive notes: the first part and the last.
    expect([...chunks].sort()).toEqual([part(0), part(PARTS - 1)]);
    await page.close();
  });

  it('finds a rare word by its postings, asking no part and loading only its articles', async () => {
    const { page, chunks, fragments } = await searchPage('?q=lighthouse');
    await page
      .locator('#search-results[data-query="lighthouse||relevance"]')
      .waitFor({ state: 'attached' });
    // The newest report first: the older note is as relevant, and four years older.
    expect(await page.locator('#search-results .search-result__title').allTextContents()).toEqual([
      'Harbour report number 12',
      'Archive note number 1',
    ]);
    expect(await page.locator('#search-status').textContent()).toBe(
      '2 passages in 2 articles match.',
    );
    expect(await page.locator('#search-results mark').allTextContents()).toEqual([
      'lighthouse',
      'lighthouse',
    ]);
    // No index chunk of any part: the directory's postings named the two articles' fragments.
    expect([...chunks]).toEqual([]);
    expect(fragments.sort()).toEqual([part(0), part(PARTS - 1)]);
    await page.close();
  });

  it('by relevance, stops once no older part could rank among the first results', async () => {
    const { page, chunks } = await searchPage('?q=officials');
    await page
      .locator('#search-results[data-query="officials||relevance"]')
      .waitFor({ state: 'attached' });
    // The harbour reports say it three times and are four years newer: no archive note (once,
    // in 2019) could rank among the first ten, so their parts were never searched.
    const titles = await page.locator('#search-results .search-result__title').allTextContents();
    expect(titles).toHaveLength(10);
    expect(titles.every((title) => title.includes('Harbour report'))).toBe(true);
    expect([...chunks].sort()).toEqual(
      [...Array(ARTICLES / 2).keys()].map((i) => part(OLD / 2 + i)),
    );
    // The count is the directory's, over the whole archive.
    expect(await page.locator('#search-status').textContent()).toBe(
      '24 articles match; the first 10 are shown.',
    );
    // Asking for more searches the older parts.
    await page.locator('.search-more').click();
    await expect.poll(() => page.locator('#search-results .search-result').count()).toBe(20);
    expect(chunks.has(part(OLD / 2 - 1))).toBe(true);
    await page.close();
  });

  it('sorted by date, stops at the newest parts that give enough, and finds the rest on asking', async () => {
    const { page, chunks } = await searchPage('?q=harbour&sort=date');
    await page
      .locator('#search-results[data-query="harbour||date"]')
      .waitFor({ state: 'attached' });
    // Ten results (a page) from the five newest parts; the sixth was never searched, nor the
    // archive notes' parts, which hold no harbour. The count is the word directory's.
    expect(await dates(page)).toEqual([...Array(10).keys()].map((i) => day(ARTICLES - i)));
    expect(await page.locator('#search-status').textContent()).toBe(
      '12 articles match; the first 10 are shown.',
    );
    const newest = (count: number) =>
      [...Array(count).keys()].map((i) => part(PARTS - 1 - i)).sort();
    expect([...chunks].sort()).toEqual(newest(5));
    await page.locator('.search-more').click();
    await expect
      .poll(() => dates(page))
      .toEqual([...Array(ARTICLES).keys()].map((i) => day(ARTICLES - i)));
    expect([...chunks].sort()).toEqual(newest(6));
    expect(await page.locator('#search-status').textContent()).toBe(
      '24 passages in 12 articles match.',
    );
    expect(await page.locator('.search-more').isHidden()).toBe(true);
    await page.close();
  });

  it('by relevance, shows a first answer while older parts answer, with the whole count', async () => {
    const { page } = await searchPage('');
    await page.locator('form[data-search-ready]').waitFor({ state: 'attached' });
    // Every status line shown, and whether the list was busy meanwhile.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      const status = document.getElementById('search-status')!;
      const list = document.getElementById('search-results')!;
      new MutationObserver(() => {
        seen.push(`${list.getAttribute('aria-busy') ?? ''}|${status.textContent ?? ''}`);
      }).observe(status, { childList: true, characterData: true, subtree: true });
    });
    await page.locator('#search-input').fill('harbour');
    await page
      .locator('#search-results[data-query="harbour||relevance"]')
      .waitFor({ state: 'attached' });
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    const first = seen.filter((line) => line.endsWith('Searching older articles…'));
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((line) => line.startsWith('true|'))).toBe(true);
    // Published a day apart, the reports are all as fresh: every part holding harbour is asked.
    // The count is known from the first answer on: the word directory's.
    const counts = seen.map((line) => Number(/(\d+) articles?/.exec(line)?.[1] ?? NaN));
    expect(counts.every((count) => count === ARTICLES)).toBe(true);
    expect(seen.at(-1)).toBe('|12 articles match; the first 10 are shown.');
    expect(await page.locator('#search-results .search-result').count()).toBe(10);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("warms up when the pointer comes over the search box: Pagefind, its WebAssembly, the newest part's metadata", async () => {
    const page = await t.chromium.browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${t.site.url}articles/harbour-1/`);
    expect(requested.filter((path) => /pagefind|search\//.test(path))).toEqual([]);
    await page.locator('#search-input').hover();
    const metadata = () => requested.filter((path) => path.endsWith('.pf_meta'));
    const newest = `/${manifest.parts[0]!.dir}`;
    await expect.poll(() => requested).toContain(`${newest}documents.json`);
    await expect.poll(metadata).toHaveLength(1);
    // Only the newest part's, which every search asks first; the others wait for a search.
    expect(metadata()[0]!.startsWith(newest)).toBe(true);
    expect(requested).toContain('/pagefind/pagefind.js');
    expect(requested).toContain('/search/parts.json');
    // The WebAssembly once, from the shared folder, however many parts ask for it.
    await expect
      .poll(() => requested.filter((path) => path.includes('wasm.')))
      .toEqual(['/pagefind/wasm.en.pagefind']);
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('search-input');
    await page.close();
  });

  it('filters by tag with a Pagefind filter, in every part', async () => {
    const { page } = await searchPage('?q=harbour&tag=Odd&sort=date');
    await page
      .locator('#search-results[data-query="harbour|Odd|date"]')
      .waitFor({ state: 'attached' });
    expect(await dates(page)).toEqual([11, 9, 7, 5, 3, 1].map(day));
    expect(await page.locator('#search-status').textContent()).toBe(
      '12 passages in 6 articles match.',
    );
    await page.close();
  });
});
