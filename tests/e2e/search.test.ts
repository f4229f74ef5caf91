import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedSlug } from '../support/article-source';
import { useBuiltSite } from '../support/site';

const articlePath = `articles/${seedSlug}/`;

/**
 * Paragraphs of the seed article by the words they start with; `headline` is the article's
 * headline and standfirst, `section:<id>` a section heading.
 */
const P = {
  lead: 'NATO Secretary General Jens Stoltenberg said',
  allies: 'Kiev’s international allies, meeting Friday',
  confident: '“I am confident that they',
  visit: 'During his visit to Kiev on Thursday',
  together: '“All together we will ensure',
  meeting: 'The meeting began with talks',
  however: 'However, between insufficient inventories',
  jets: 'Above all, the delivery of fighter jets',
  mig: 'Slovakia and Poland began supplying',
  shipping: 'But shipping modern Western aircraft',
  focused: 'The alliance is focused on supplying',
  attrition: '“It is now a battle of attrition',
  repair: 'Ukrainian, Polish and German representatives',
  billions: 'Westerners have provided more than $150 billion',
  resisting: 'After resisting Russian attacks',
  patriot: 'Ukraine announced this week',
  tanks: 'British and German heavy tanks',
  opportunity: 'Jens Stoltenberg’s visit to Kÿiv',
  reiterated: 'Mr Stoltenberg reiterated NATO’s support',
  kremlin: 'That rapprochement plagues the Kremlin',
  demanding: 'Ukraine has been demanding membership',
  vague: 'Fundamentally positive about this perspective',
  objective: '“The main objective is to ensure',
} as const;
type Key = keyof typeof P | 'headline' | `section:${string}`;

const kyiv: Key[] = [
  'headline',
  'allies',
  'visit',
  'however',
  'jets',
  'tanks',
  'opportunity',
  'reiterated',
];
const zelenskyy: Key[] = ['headline', 'lead', 'visit', 'opportunity'];
const nato: Key[] = [
  'headline',
  'lead',
  'visit',
  'section:nato-membership',
  'opportunity',
  'reiterated',
  'kremlin',
  'vague',
];
const stoltenberg: Key[] = [
  'headline',
  'lead',
  'allies',
  'focused',
  'opportunity',
  'reiterated',
  'objective',
];

/** Each query and exactly the passages it must return as exact matches. */
const queries: [string, Key[]][] = [
  ['Stoltenberg', stoltenberg],
  ['Jens Stoltenberg', stoltenberg],
  ['Kyiv', kyiv],
  ['Kiev', kyiv],
  ['Kÿiv', kyiv],
  ['kyïv', kyiv],
  ['Київ', kyiv],
  ['Zelensky', zelenskyy],
  ['Zelenskyy', zelenskyy],
  ['Zelenskiy', zelenskyy],
  ['Oleksii Reznikov', ['meeting']],
  ['Reznikov', ['meeting']],
  ['NATO', nato],
  ['Atlantic Alliance', nato],
  ['"battle of attrition"', ['attrition']],
  ['“battle of attrition”', ['attrition']],
  ['“Euro-Atlantic family”', ['reiterated']],
  ['$150 billion', ['billions']],
  ['150 billion', ['billions']],
  ['"$150 billion"', ['billions']],
  ['Mig-29', ['mig']],
  ['MiG 29', ['mig']],
  ['Leopard 2', ['repair']],
  ['"Leopard 2"', ['repair']],
  ['Patriot', ['patriot']],
  ['Pistorius', ['repair']],
  ['Peskov', ['kremlin']],
  ['Moscow', ['demanding']],
  ['Stoltenberg Kyiv', ['headline', 'allies', 'opportunity', 'reiterated']],
  ['Zelensky weapons', ['visit']],
  ['US', ['headline', 'allies', 'together', 'patriot']],
  ['Ramstein', ['headline', 'section:allies-meet-at-ramstein', 'allies', 'together']],
  ['fighter jets', ['section:fighter-jets', 'jets']],
];

describe('search on the built index', () => {
  const t = useBuiltSite();
  let keyOf: Map<string, Key>;
  let page: Page;

  beforeAll(async () => {
    page = await (await t.chromium.newContext()).newPage();
    await page.goto(t.site.url + articlePath);
    const ids = await page.evaluate(() =>
      [...document.querySelectorAll('.article-body [id]')].map((element) => [
        element.id,
        element.tagName,
        element.textContent ?? '',
      ]),
    );
    keyOf = new Map();
    for (const [id, tag, text] of ids) {
      if (/^H[2-6]$/.test(tag!)) keyOf.set(id!, `section:${id}`);
      const entry = Object.entries(P).find(([, start]) => text!.startsWith(start));
      if (entry) keyOf.set(id!, entry[0] as Key);
    }
    await page.goto(`${t.site.url}search/`);
    await page.locator('form[data-search-ready]').waitFor({ state: 'attached' });
  });

  /** Searches on the search page and returns the exact and partial hits by key. */
  async function search(query: string) {
    await page.locator('#search-input').fill(query);
    await page
      .locator(`#search-results[data-query="${query.replace(/["\\]/g, '\\$&')}||relevance"]`)
      .waitFor({ state: 'attached' });
    const read = (selector: string) =>
      page
        .locator(selector)
        .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
    const toKey = (href: string) => {
      const hash = new URL(href).hash.slice(1);
      return hash ? (keyOf.get(hash) ?? `unknown:${hash}`) : 'headline';
    };
    const exact = (await read('.search-hit:not(.search-hit--partial) a')).map(toKey);
    const partial = (await read('.search-hit--partial a')).map(toKey);
    return { exact, partial, status: (await page.locator('#search-status').textContent()) ?? '' };
  }

  it.each(queries)('%s returns exactly its passages', async (query, expected) => {
    const { exact } = await search(query);
    expect(new Set(exact)).toEqual(new Set(expected));
    expect(exact).toHaveLength(expected.length);
  });

  it('says when a word is in no article instead of dropping it silently', async () => {
    const { exact, partial, status } = await search('Kiev marathon');
    expect(exact).toEqual([]);
    expect(status).toBe(
      '“marathon” is in no article. 8 passages in 1 article have only some of the words.',
    );
    expect(new Set(partial)).toEqual(new Set(kyiv));
  });

  it('finds nothing for a phrase that is nowhere, and says so', async () => {
    const { exact, partial, status } = await search('"battle of marathon"');
    expect([...exact, ...partial]).toEqual([]);
    expect(status).toBe('"battle of marathon" is in no article.');
  });

  it('ranks passages with every word before passages with some of them', async () => {
    const { exact, partial } = await search('fighter tanks');
    expect(exact).toEqual([]);
    expect(partial).toEqual(expect.arrayContaining(['jets', 'tanks', 'section:fighter-jets']));
    // "German" is a word of the index: it finds German, not Germany.
    const { exact: both, partial: some } = await search('German tanks');
    expect(new Set(both)).toEqual(new Set(['repair', 'tanks']));
    expect(new Set(some)).toEqual(new Set(['section:tanks-and-air-defences-arrive']));
    const { exact: named, partial: rest } = await search('Poland tanks');
    expect(named).toEqual(['repair']);
    expect(rest).toEqual(expect.arrayContaining(['mig', 'tanks']));
  });

  it('marks every spelling of a name in the excerpts', async () => {
    await search('Kyiv');
    const marks = await page.locator('.search-hit mark').allTextContents();
    expect(new Set(marks)).toEqual(new Set(['Kiev', 'Kÿiv']));
  });

  it("marks the query's words in an article's title too", async () => {
    await search('Zelensky');
    expect(await page.locator('.search-result__title mark').allTextContents()).toEqual([
      'Zelenskyy',
    ]);
    await search('Kyiv');
    expect(await page.locator('.search-result__title mark').allTextContents()).toEqual(['Kiev']);
  });

  it('marks a phrase wherever it occurs in the passage', async () => {
    await search('"battle of attrition"');
    expect(await page.locator('.search-hit mark').allTextContents()).toEqual([
      'battle of attrition',
      'battle of attrition',
    ]);
  });

  it('announces the number of results in a live region', async () => {
    const { status } = await search('Patriot');
    expect(status).toBe('1 passage in 1 article matches.');
    expect(await page.locator('#search-status').getAttribute('aria-live')).toBe('polite');
  });
});

describe('following a result', () => {
  const t = useBuiltSite();

  it('lands on the paragraph with the words marked there', async () => {
    const page = await (await t.chromium.newContext({ reducedMotion: 'reduce' })).newPage();
    await page.goto(`${t.site.url}search/?q=Kyiv`);
    await page.locator('.search-hit a', { hasText: 'Above all' }).click();
    await expect
      .poll(() => page.evaluate(() => document.querySelector('.is-linked')?.textContent ?? ''))
      .toContain('Above all, the delivery of fighter jets');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('is-linked'))).toBe(
      true,
    );
    expect(await page.locator('.is-linked mark').allTextContents()).toEqual(['Kiev']);
    // The words are marked in that paragraph only.
    expect(await page.locator('.article-body mark').count()).toBe(1);
  });
});

describe('following a result for the standfirst', () => {
  const t = useBuiltSite();

  it('marks the words in the headline and the standfirst, where the result pointed', async () => {
    const page = await (await t.chromium.newContext({ reducedMotion: 'reduce' })).newPage();
    await page.goto(`${t.site.url}search/?q=Stoltenberg`);
    await page.locator('.search-hit a', { hasText: 'Standfirst' }).click();
    await expect
      .poll(() => page.locator('.article-header .standfirst mark').allTextContents())
      .toEqual(['Jens Stoltenberg']);
    // Nothing else: the body keeps its text unmarked.
    expect(await page.locator('.article-body mark').count()).toBe(0);
  });
});

describe('the search page address', () => {
  const t = useBuiltSite();

  it('follows the query, survives a reload, and Back returns to the previous search', async () => {
    const page = await (await t.chromium.newContext()).newPage();
    await page.goto(`${t.site.url}search/`);
    await page.locator('form[data-search-ready]').waitFor({ state: 'attached' });
    await page.locator('#search-input').fill('Patriot');
    await expect.poll(() => new URL(page.url()).search).toBe('?q=Patriot');
    await page.locator('#search-input').press('Enter');
    await page.locator('#search-input').fill('Peskov');
    await page.locator('#search-input').press('Enter');
    await expect.poll(() => new URL(page.url()).search).toBe('?q=Peskov');

    await page.reload();
    expect(await page.locator('#search-input').inputValue()).toBe('Peskov');
    await expect.poll(() => page.locator('.search-hit').count()).toBe(1);

    await page.goBack();
    await expect.poll(() => page.locator('#search-input').inputValue()).toBe('Patriot');
    await expect
      .poll(() => page.locator('.search-hit').allTextContents())
      .toEqual([expect.stringContaining('Patriot air defense')]);
  });

  it('filters by tag and sorts by date, in the address too', async () => {
    const page = await (await t.chromium.newContext()).newPage();
    await page.goto(`${t.site.url}search/?q=Patriot`);
    await expect.poll(() => page.locator('#search-tag option').count()).toBeGreaterThan(1);
    await page.locator('#search-tag').selectOption('NATO');
    await page.locator('#search-sort').selectOption('date');
    await expect.poll(() => new URL(page.url()).search).toBe('?q=Patriot&tag=NATO&sort=date');
    await expect.poll(() => page.locator('.search-hit').count()).toBe(1);
    await page.goto(`${t.site.url}search/?q=Patriot&tag=No+such+tag`);
    await expect
      .poll(() => page.locator('#search-status').textContent())
      .toContain('Nothing found');
  });

  it('without JavaScript, is a plain form to the search page, which says search needs JavaScript', async () => {
    const page = await (await t.chromium.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(t.site.url + articlePath);
    await page.locator('#search-input').fill('Kyiv');
    await page.locator('#search-input').press('Enter');
    await page.waitForURL(/\/search\/\?q=Kyiv$/);
    expect(
      await page.getByText('Search runs in your browser and needs JavaScript').isVisible(),
    ).toBe(true);
  });
});

describe('the keyboard path and loading on intent', () => {
  const t = useBuiltSite();

  it('loads nothing of search on a plain article view', async () => {
    const page = await (await t.chromium.newContext()).newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(t.site.url + articlePath, { waitUntil: 'networkidle' });
    expect(requested.filter((path) => /pagefind|search/.test(path))).toEqual([]);
    await page.locator('#search-input').focus();
    await expect
      .poll(() => requested.some((path) => path.endsWith('/pagefind/pagefind.js')))
      .toBe(true);
  });

  it('/ focuses search, results come as you type, arrows move, Enter opens, Escape clears', async () => {
    const page = await (await t.chromium.newContext({ reducedMotion: 'reduce' })).newPage();
    await page.goto(t.site.url + articlePath);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.type('Pistorius');
    const panel = page.locator('#search-panel');
    await expect.poll(() => panel.isVisible()).toBe(true);
    await expect
      .poll(() => page.locator('#search-status').textContent())
      .toBe('1 passage in 1 article matches.');

    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Kiev allies');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(
      'Boris Pistorius',
    );
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');

    await page.keyboard.press('Escape');
    expect(await page.locator('#search-input').inputValue()).toBe('');
    await expect.poll(() => panel.isVisible()).toBe(false);

    await page.keyboard.type('Pistorius');
    await expect.poll(() => panel.isVisible()).toBe(true);
    // The panel may first show the results of a shorter query (`Pistoriu` has the same count):
    // wait for the whole word's.
    await page.locator('#search-results[data-query^="Pistorius|"]').waitFor({ state: 'attached' });
    expect(await page.locator('#search-status').textContent()).toBe(
      '1 passage in 1 article matches.',
    );
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    // The result link itself holds the words: wait for the article before reading focus.
    await page.waitForURL(
      (url) => url.pathname.includes('/articles/') && url.hash.startsWith('#p-'),
    );
    await page.locator('.is-linked').waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain('Boris Pistorius announced');
    expect(await page.locator('.is-linked mark').allTextContents()).toEqual(['Boris Pistorius']);
  });
});
