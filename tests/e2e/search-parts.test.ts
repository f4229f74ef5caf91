/**
 * Search over an index in many parts (two articles a part): sorted by date it stops at the parts
 * that gave enough, and by relevance the count fills in as the older parts answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTS_MANIFEST, type PartsManifest } from '../../src/lib/search-parts';
import { axeViolations } from '../support/axe';
import { buildTemporarySite } from '../support/build';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { projectRoot } from '../support/paths';
import { serveStatic, type StaticSite } from '../support/server';

const ARTICLES = 12;
const day = (n: number) => `2023-01-${String(n).padStart(2, '0')}`;
const files: Record<string, string> = {
  'glossary.yaml': readFileSync(join(projectRoot, 'content/glossary.yaml'), 'utf8'),
};
for (let n = 1; n <= ARTICLES; n++) {
  files[`articles/harbour-${n}.md`] = [
    '---',
    `title: Harbour report number ${n}`,
    `description: Dock ${n} reopens after the storm.`,
    `published: ${day(n)}`,
    'language: en',
    'tags:',
    `  - ${n % 2 === 0 ? 'Even' : 'Odd'}`,
    '---',
    '',
    `The harbour at dock ${n} reopened on Monday, officials said.`,
    '',
  ].join('\n');
}

let site: StaticSite;
let chromium: TestBrowser;
let manifest: PartsManifest;

beforeAll(async () => {
  const build = await buildTemporarySite(files, { SEARCH_PART_SIZE: '2' });
  if (build.exitCode !== 0) throw new Error(build.output.slice(-4000));
  manifest = JSON.parse(readFileSync(join(build.distDir, PARTS_MANIFEST), 'utf8')) as PartsManifest;
  site = await serveStatic({ root: build.distDir });
  chromium = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await chromium?.close();
  await site?.close();
});

/** A fresh search page, with every request to a part's index chunks written down. */
async function searchPage(address: string): Promise<{ page: Page; chunks: Set<string> }> {
  const page = await chromium.browser.newPage();
  const chunks = new Set<string>();
  page.on('request', (request) => {
    const part = /\/pagefind\/parts\/(\d+)\/index\//.exec(request.url())?.[1];
    if (part) chunks.add(part);
  });
  await page.goto(`${site.url}search/${address}`);
  return { page, chunks };
}

const dates = (page: Page) =>
  page
    .locator('#search-results .search-result__date time')
    .evaluateAll((times) => times.map((time) => time.getAttribute('datetime')));

describe('an index in many parts', () => {
  it('is cut into parts of two articles, newest first', () => {
    expect(manifest.articles).toBe(ARTICLES);
    expect(manifest.parts.map((part) => [part.oldest, part.newest])).toEqual(
      [...Array(ARTICLES / 2).keys()].reverse().map((i) => [day(2 * i + 1), day(2 * i + 2)]),
    );
  });

  it('sorted by date, stops at the newest parts that give enough, and finds the rest on asking', async () => {
    const { page, chunks } = await searchPage('?q=harbour&sort=date');
    await page
      .locator('#search-results[data-query="harbour||date"]')
      .waitFor({ state: 'attached' });
    // Ten results (a page) from the five newest parts; the oldest part was never searched.
    expect(await dates(page)).toEqual([...Array(10).keys()].map((i) => day(ARTICLES - i)));
    expect(await page.locator('#search-status').textContent()).toBe(
      'At least 10 articles match; the first 10 are shown.',
    );
    expect([...chunks].sort()).toEqual(['0001', '0002', '0003', '0004', '0005']);
    await page.locator('.search-more').click();
    await expect
      .poll(() => dates(page))
      .toEqual([...Array(ARTICLES).keys()].map((i) => day(ARTICLES - i)));
    expect(chunks.has('0000')).toBe(true);
    expect(await page.locator('#search-status').textContent()).toBe(
      '24 passages in 12 articles match.',
    );
    expect(await page.locator('.search-more').isHidden()).toBe(true);
    await page.close();
  });

  it('by relevance, shows a first answer and fills the count in as older parts answer', async () => {
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
    const counts = seen.map((line) => Number(/(\d+) articles?/.exec(line)?.[1] ?? NaN));
    expect(counts.every((count, i) => i === 0 || count >= counts[i - 1]!)).toBe(true);
    expect(counts[0]).toBeLessThan(ARTICLES);
    expect(seen.at(-1)).toBe('|12 articles match; the first 10 are shown.');
    expect(await page.locator('#search-results .search-result').count()).toBe(10);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("warms up when the pointer comes over the search box: Pagefind, its WebAssembly, every part's metadata", async () => {
    const page = await chromium.browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${site.url}articles/harbour-1/`);
    expect(requested.filter((path) => /pagefind|search\//.test(path))).toEqual([]);
    await page.locator('#search-input').hover();
    const metadata = () => requested.filter((path) => path.endsWith('.pf_meta')).length;
    await expect.poll(metadata).toBe(manifest.parts.length);
    expect(requested).toContain('/pagefind/pagefind.js');
    expect(requested).toContain('/search/parts.json');
    // The WebAssembly once, from the shared folder, however many parts ask for it.
    expect(requested.filter((path) => path.includes('wasm.'))).toEqual([
      '/pagefind/wasm.en.pagefind',
    ]);
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
