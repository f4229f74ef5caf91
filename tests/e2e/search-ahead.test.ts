/**
 * A glossary name as a reader types it: while its last letters are typed, the search fetches what
 * the whole name's search reads and searches it ahead, so that the last letter is answered from
 * memory. Three articles spell Kyiv three ways; the letters `Kie` begin only one article's word
 * (`Kiev`) but the name is in all three, so only a search ahead has their fragments before the
 * last letter. Over an index with postings, and over one in a part per article without them, where
 * the name is found by asking the parts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/paths';
import { useTemporarySite } from '../support/site';

const article = (title: string, published: string, text: string) =>
  [
    '---',
    `title: ${title}`,
    `description: ${title}.`,
    `published: ${published}`,
    'language: en',
    '---',
    '',
    text,
    '',
  ].join('\n');

const files: Record<string, string> = {
  'glossary.yaml': readFileSync(join(projectRoot, 'content/glossary.yaml'), 'utf8'),
  'articles/talks.md': article(
    'Talks resume',
    '2023-03-01',
    'The talks in Kiev resumed on Monday.',
  ),
  'articles/summit.md': article('A summit is held', '2023-03-02', 'Kyiv hosts the summit.'),
  'articles/grain.md': article('Grain ships sail', '2023-03-03', 'Ships left Kÿiv’s port.'),
  'articles/harbour.md': article('The harbour reopens', '2023-03-04', 'The harbour reopened.'),
};

const layouts: [layout: string, env: Record<string, string>][] = [
  ['the index in one part, with postings', {}],
  [
    'the index in a part per article, without postings',
    { SEARCH_PART_SIZE: '1', SEARCH_POSTINGS: '0' },
  ],
];

describe.each(layouts)('a name being typed, over %s', (_layout, env) => {
  const t = useTemporarySite(files, env);
  let page: Page;

  beforeAll(async () => {
    page = await t.chromium.browser.newPage();
    await page.goto(`${t.site.url}search/`);
    await page.locator('form[data-search-ready]').waitFor({ state: 'attached' });
  });

  const settled = (query: string) =>
    page
      .locator(`#search-results[data-query="${query}||relevance"]`)
      .waitFor({ state: 'attached' });
  const titles = () => page.locator('#search-results .search-result__title').allTextContents();

  /** Until the page and its worker have fetched nothing for `ms`: their work is done. */
  async function untilQuiet(ms = 500): Promise<void> {
    let last = Date.now();
    const touch = () => (last = Date.now());
    page.on('request', touch);
    page.on('requestfinished', touch);
    while (Date.now() - last < ms) await page.waitForTimeout(100);
    page.off('request', touch);
    page.off('requestfinished', touch);
  }

  it('answers its last letter from memory, with every spelling, fetching nothing', async () => {
    await page.locator('#search-input').pressSequentially('Kie');
    await settled('Kie');
    await untilQuiet();
    // The search ahead is not shown: the list is still the letters typed, one article's word.
    expect(await titles()).toEqual(['Talks resume']);
    const fetched: string[] = [];
    const record = (request: { url(): string }) => fetched.push(new URL(request.url()).pathname);
    page.on('request', record);
    await page.keyboard.type('v');
    await settled('Kiev');
    page.off('request', record);
    expect(fetched).toEqual([]);
    expect((await titles()).sort()).toEqual([
      'A summit is held',
      'Grain ships sail',
      'Talks resume',
    ]);
  });
});
