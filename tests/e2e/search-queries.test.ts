/**
 * Search as readers type it, over the seed article and two more (tests/fixtures/search/):
 * misspelt and transliterated names, possessives, stop words, words in no article, numbers,
 * British and American spellings, and the ranking of articles. Each query names exactly the
 * passages it must find with every word.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedSlug } from '../support/article-source';
import { axeViolations } from '../support/axe';
import { fixturesDir, projectRoot } from '../support/paths';
import { useTemporarySite } from '../support/site';
import { PARTS_MANIFEST, type PartsManifest } from '../../src/lib/search-parts';

const fixture = (name: string) => readFileSync(join(fixturesDir, 'search', name), 'utf8');
const articlesDir = join(projectRoot, 'content/articles');
const files: Record<string, string | Uint8Array> = {
  [`articles/${seedSlug}.md`]: readFileSync(join(articlesDir, `${seedSlug}.md`), 'utf8'),
  // The seed article's pictures and other files beside it.
  ...Object.fromEntries(
    readdirSync(articlesDir)
      .filter((name) => !name.endsWith('.md'))
      .map((name) => [`articles/${name}`, readFileSync(join(articlesDir, name))]),
  ),
  'articles/pistorius-air-defence.md': fixture('pistorius-air-defence.md'),
  'articles/poland-jets.md': fixture('poland-jets.md'),
  'glossary.yaml': readFileSync(join(projectRoot, 'content/glossary.yaml'), 'utf8'),
};

/** Each article's passages by the words they start with. */
const articles = {
  seed: {
    slug: seedSlug,
    passages: {
      lead: 'NATO Secretary General Jens Stoltenberg said',
      allies: 'Kiev’s international allies, meeting Friday',
      visit: 'During his visit to Kiev on Thursday',
      together: '“All together we will ensure',
      meeting: 'The meeting began with talks',
      however: 'However, between insufficient inventories',
      jets: 'Above all, the delivery of fighter jets',
      mig: 'Slovakia and Poland began supplying',
      focused: 'The alliance is focused on supplying',
      attrition: '“It is now a battle of attrition',
      repair: 'Ukrainian, Polish and German representatives',
      billions: 'Westerners have provided more than $150 billion',
      patriot: 'Ukraine announced this week',
      tanks: 'British and German heavy tanks',
      opportunity: 'Jens Stoltenberg’s visit to Kÿiv',
      reiterated: 'Mr Stoltenberg reiterated NATO’s support',
      kremlin: 'That rapprochement plagues the Kremlin',
      demanding: 'Ukraine has been demanding membership',
      vague: 'Fundamentally positive about this perspective',
      objective: '“The main objective is to ensure',
    },
  },
  air: {
    slug: 'pistorius-air-defence',
    passages: {
      iris: 'Germany will deliver four more IRIS T launchers',
      kharkiv: 'The air defence of Kharkiv',
      mig: 'Pilots who flew the MiG 29',
      leopard: 'Denmark and Germany will refurbish',
      battle: 'Officials described a battle',
      tallinn: 'Estonia’s defence minister',
    },
  },
  poland: {
    slug: 'poland-jets',
    passages: { jets: 'Boris Pistorius was not consulted' },
  },
} as const;

const stoltenberg = [
  'seed:headline',
  'seed:lead',
  'seed:allies',
  'seed:focused',
  'seed:opportunity',
  'seed:reiterated',
  'seed:objective',
];
const kyiv = [
  'seed:headline',
  'seed:allies',
  'seed:visit',
  'seed:however',
  'seed:jets',
  'seed:tanks',
  'seed:opportunity',
  'seed:reiterated',
];
const zelenskyy = ['seed:headline', 'seed:lead', 'seed:visit', 'seed:opportunity'];
const nato = [
  'seed:headline',
  'seed:lead',
  'seed:visit',
  'seed:section:nato-membership',
  'seed:opportunity',
  'seed:reiterated',
  'seed:kremlin',
  'seed:vague',
];
const pistorius = ['seed:repair', 'air:headline', 'poland:jets'];
const program = ['air:headline', 'air:leopard', 'poland:jets'];
const f16 = ['air:iris', 'poland:jets'];
const irisT = ['air:headline', 'air:iris'];
const mig29 = ['seed:mig', 'air:mig'];

/** Query, the passages holding all of it, and what the page must say it searched instead. */
const queries: [query: string, passages: string[], correction?: string][] = [
  // Names forgive: typos and transliterations.
  ['Stoltenburg', stoltenberg, 'Stoltenberg'],
  ['Jens Stoltenburg', stoltenberg, 'Jens Stoltenberg'],
  ['Pistorious', pistorius, 'Pistorius'],
  ['Reznikow', ['seed:meeting'], 'Reznikov'],
  ['Peskow', ['seed:kremlin'], 'Peskov'],
  ['Selenskyj', zelenskyy, 'Zelenskyy'],
  ['Zelenski', zelenskyy, 'Zelenskyy'],
  ['Charkiw', ['air:kharkiv'], 'Kharkiv'],
  ['Kiew', kyiv],
  // Possessives.
  ["Kiev's", kyiv],
  ['Kiev’s', kyiv],
  ['Stoltenberg’s', stoltenberg],
  ["NATO's", nato],
  // Stop words.
  ['battle of attrition', ['seed:attrition', 'air:battle']],
  ['future of Kyiv', ['seed:reiterated']],
  ['the Kremlin', ['seed:kremlin']],
  // Prefixes still work.
  ['Stolt', stoltenberg],
  ['Zelen', zelenskyy],
  // Numbers match whole; compounds find each other.
  ['2', ['seed:repair', 'poland:jets']],
  ['Leopard 2', ['seed:repair']],
  ['2022', ['seed:billions']],
  ['29', ['seed:mig', 'air:kharkiv', 'air:mig']],
  ['F16', f16],
  ['F-16', f16],
  ['F 16', f16],
  ['IRIS T', irisT],
  ['IRIS-T', irisT],
  ['Mig 29', mig29],
  ['MiG-29', mig29],
  ['MiG29', mig29],
  ['$2 billion', ['poland:jets']],
  // British and American spellings.
  [
    'air defence',
    [
      'seed:section:tanks-and-air-defences-arrive',
      'seed:patriot',
      'air:headline',
      'air:section:air-defence-first',
      'air:kharkiv',
    ],
  ],
  [
    'air defense',
    [
      'seed:section:tanks-and-air-defences-arrive',
      'seed:patriot',
      'air:headline',
      'air:section:air-defence-first',
      'air:kharkiv',
    ],
  ],
  ['program', program],
  ['programme', program],
];

/**
 * The same queries over the index in one part and in a part per article: the parts are searched
 * newest first and merged, and must offer the same passages as the one part (by the same score:
 * only ties may be ordered otherwise, and no query here ties). Each word here is rare enough for
 * the directory's postings, which answer a query of one part without the parts; the last layout
 * has none, so that every query asks the parts.
 */
const layouts: [layout: string, env: Record<string, string>][] = [
  ['the index in one part', {}],
  ['the index in a part per article', { SEARCH_PART_SIZE: '1' }],
  [
    'the index in a part per article, without postings',
    { SEARCH_PART_SIZE: '1', SEARCH_POSTINGS: '0' },
  ],
];

describe.each(layouts)('over %s', (_layout, env) => {
  let manifest: PartsManifest;
  const t = useTemporarySite(files, env);
  let page: Page;
  /** `article:key` of every passage id, by article path and id. */
  const keyOf = new Map<string, string>();

  beforeAll(async () => {
    manifest = JSON.parse(readFileSync(join(t.distDir, PARTS_MANIFEST), 'utf8')) as PartsManifest;
    page = await t.chromium.browser.newPage();
    for (const [name, { slug, passages }] of Object.entries(articles)) {
      await page.goto(`${t.site.url}articles/${slug}/`);
      const ids = await page.evaluate(() =>
        [...document.querySelectorAll('.article-body [id]')].map((element) => [
          element.id,
          element.tagName,
          element.textContent ?? '',
        ]),
      );
      for (const [id, tag, text] of ids) {
        const key = /^H[2-6]$/.test(tag!)
          ? `section:${id}`
          : Object.entries(passages).find(([, start]) => text!.startsWith(start))?.[0];
        if (key) keyOf.set(`/articles/${slug}/#${id}`, `${name}:${key}`);
      }
      keyOf.set(`/articles/${slug}/`, `${name}:headline`);
    }
    await page.goto(`${t.site.url}search/`);
    await page.locator('form[data-search-ready]').waitFor({ state: 'attached' });
  }, 60_000);

  /** Searches on the search page; returns the passages found, by key, and what the page says. */
  async function search(query: string, suffix = '||relevance') {
    await page.locator('#search-input').fill(query);
    await page
      .locator(`#search-results[data-query="${(query + suffix).replace(/["\\]/g, '\\$&')}"]`)
      .waitFor({ state: 'attached' });
    const keys = (selector: string) =>
      page.locator(selector).evaluateAll((links) =>
        links.map((link) => {
          const url = new URL((link as HTMLAnchorElement).href);
          return `${url.pathname}${url.hash}`;
        }),
      );
    const toKey = (path: string) => keyOf.get(path) ?? `unknown:${path}`;
    return {
      /** Passages holding every word, in the order shown. */
      full: (await keys('#search-results .search-hit:not(.search-hit--partial) a')).map(toKey),
      /** Passages with only some of the words, wherever they are. */
      partial: (await keys('.search-hit--partial a')).map(toKey),
      /** Passages behind the "only some of the words" control. */
      behind: (await keys('.search-partial .search-hit a')).map(toKey),
      articles: await page.locator('#search-results .search-result__title').allTextContents(),
      status: (await page.locator('#search-status').textContent()) ?? '',
      correction: (await page.locator('.search-correction:not([hidden])').allTextContents()).join(
        '',
      ),
      partialControl: await page
        .locator('.search-partial:not([hidden]) > summary')
        .allTextContents(),
    };
  }

  it('is cut into the parts asked for, newest first', () => {
    const parts = env.SEARCH_PART_SIZE ? 3 : 1;
    expect(manifest.articles).toBe(3);
    expect(manifest.parts).toHaveLength(parts);
    expect(manifest.parts.map((part) => part.articles)).toEqual(parts === 3 ? [1, 1, 1] : [3]);
    const newest = manifest.parts.map((part) => part.newest);
    expect(newest).toEqual([...newest].sort().reverse());
  });

  describe('queries as readers type them', () => {
    it.each(queries)('%s finds exactly its passages', async (query, expected, correction) => {
      const found = await search(query);
      expect(new Set(found.full)).toEqual(new Set(expected));
      expect(found.full).toHaveLength(expected.length);
      if (correction) {
        expect(found.correction).toBe(
          `Showing results for ${correction} · search instead for ${query}`,
        );
      } else expect(found.correction).toBe('');
    });

    it('finds a word of one or two letters only whole: a beginning is searched from three', async () => {
      const short = await search('Ky');
      expect(short.full).toEqual([]);
      expect(short.status).toBe('“Ky”: a word is searched once it has 3 letters.');
      expect((await search('K')).status).toBe('“K”: a word is searched once it has 3 letters.');
      expect((await search('Kyi')).full).toContain('seed:opportunity');
      // The rest of the query is searched without the word still being typed.
      const name = await search('Stoltenberg Ky');
      expect(new Set(name.full)).toEqual(new Set(stoltenberg));
      expect(name.status).not.toContain('no article');
      // A word of two letters that articles have is found.
      expect((await search('Mr')).full).toContain('seed:reiterated');
    });

    it('keeps passages with only some of the words behind one control', async () => {
      const found = await search('air defence');
      expect(found.partial.length).toBeGreaterThan(0);
      // Every partial passage waits behind the control, none beside the full matches.
      expect(found.behind).toEqual(found.partial);
      expect(found.partialControl).toEqual([
        `${found.partial.length} passages with only some of the words`,
      ]);
      expect(
        await page.locator('.search-partial').evaluate((d) => (d as HTMLDetailsElement).open),
      ).toBe(false);
      await page.locator('.search-partial > summary').click();
      await expect
        .poll(() => page.locator('.search-partial .search-hit').first().isVisible())
        .toBe(true);
      // "only some of the words" is said once, not under every passage.
      expect(await page.getByText('only some of the words').count()).toBe(1);
    });

    it('finds the unquoted words in a row first', async () => {
      const found = await search('battle of attrition');
      expect(found.full[0]).toBe('seed:attrition');
      // "of" matches nothing by itself: no passage with only "of" and "offensive".
      expect(found.partial).not.toContain('seed:lead');
    });

    it('says a word in no article is in no article, instead of finding a shorter word', async () => {
      for (const word of ['warlike', 'tallness']) {
        const found = await search(word);
        expect([...found.full, ...found.partial]).toEqual([]);
        expect(found.status).toBe(`“${word}” is in no article.`);
        expect(found.correction).toBe('');
      }
      const found = await search('Kiev marathon');
      expect(found.full).toEqual([]);
      expect(found.status).toBe(
        '“marathon” is in no article. 8 passages in 1 article have only some of the words.',
      );
      expect(new Set(found.partial)).toEqual(new Set(kyiv));
    });

    it("dates an article by its day in the site's time zone, not in UTC", async () => {
      // Published 00:30 in Paris on 2 June, which is still 1 June in UTC.
      await search('Poland weighs');
      const date = page
        .locator('#search-results .search-result')
        .filter({ hasText: 'Poland weighs sending more jets' })
        .locator('.search-result__date time');
      expect(await date.textContent()).toBe('2 June 2023');
      expect(await date.getAttribute('datetime')).toBe('2023-06-01T22:30:00Z');
    });

    it('makes no correction when the word itself is found', async () => {
      for (const query of ['Stoltenberg', 'Tallinn', 'war']) {
        expect((await search(query)).correction).toBe('');
      }
      expect((await search('war')).full).toEqual(['seed:attrition']);
    });

    it('searches the word as typed after "search instead for"', async () => {
      await search('Stoltenburg');
      await page.locator('.search-correction a').click();
      await page
        .locator('#search-results[data-query="Stoltenburg||relevance|verbatim"]')
        .waitFor({ state: 'attached' });
      expect(await page.locator('#search-status').textContent()).toBe(
        '“Stoltenburg” is in no article.',
      );
      expect(new URL(page.url()).searchParams.get('verbatim')).toBe('1');
      expect(await page.locator('.search-correction').isHidden()).toBe(true);
    });

    it('counts passages and articles with their plurals', async () => {
      expect((await search('$2 billion')).status).toBe('1 passage in 1 article matches.');
      expect((await search('IRIS T')).status).toBe('2 passages in 1 article match.');
      expect((await search('Mig 29')).status).toBe('2 passages in 2 articles match.');
      expect((await search('Pistorius')).status).toBe('3 passages in 3 articles match.');
      expect((await search('fighter tanks')).status).toBe(
        'No passage has every word; 8 passages in 2 articles have only some of the words.',
      );
    });
  });

  describe('relevance across articles', () => {
    it('ranks the article with the name in its headline above those that mention it once', async () => {
      for (const query of ['Pistorius', 'Boris Pistorius', 'Pistorious']) {
        const found = await search(query);
        expect(found.articles[0]).toBe(
          'Pistorius pledges more IRIS-T systems and a Leopard 1A5 programme',
        );
      }
    });

    it('ranks an article with every word in one passage above one with the words apart', async () => {
      // The second article has Pistorius in its headline and tanks in its body; the seed has both
      // in one paragraph.
      const found = await search('Pistorius tanks');
      expect(found.full).toEqual(['seed:repair']);
      expect(found.articles[0]).toBe(
        'Kiev allies are coordinating their aid under pressure from Zelenskyy',
      );
      expect(found.behind).toEqual(expect.arrayContaining(['air:headline', 'air:leopard']));
    });
  });

  describe('the panel under the header', () => {
    it('shows short excerpts in smaller type, the correction, and the partial-match control', async () => {
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await t.chromium.browser.newContext({ colorScheme });
        const panelPage = await context.newPage();
        await panelPage.goto(`${t.site.url}articles/pistorius-air-defence/`);
        await panelPage.locator('#search-input').focus();
        await panelPage.locator('#search-input').fill('Stoltenburg');
        await panelPage
          .locator('#search-results[data-query="Stoltenburg||relevance"]')
          .waitFor({ state: 'attached' });
        const panel = panelPage.locator('#search-panel');
        expect(await panel.locator('.search-correction').textContent()).toBe(
          'Showing results for Stoltenberg · search instead for Stoltenburg',
        );
        expect(await panel.locator('.search-note').textContent()).toBe(
          '7 passages in 1 article match.',
        );
        const excerpts = await panel.locator('.search-hit__text').allTextContents();
        expect(excerpts).toHaveLength(7);
        // Excerpts, not whole paragraphs: the lead paragraph is 255 characters long.
        for (const excerpt of excerpts) expect(excerpt.length).toBeLessThanOrEqual(170);
        expect(excerpts.some((excerpt) => excerpt.endsWith(' …'))).toBe(true);
        expect(excerpts.every((excerpt) => /Stoltenberg/.test(excerpt))).toBe(true);
        const size = (selector: string) =>
          panelPage
            .locator(selector)
            .first()
            .evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
        expect(await size('#search-panel .search-hit__text')).toBeLessThan(
          await size('.article-body p'),
        );
        await panelPage.locator('#search-input').fill('air defence');
        await panelPage
          .locator('#search-results[data-query="air defence||relevance"]')
          .waitFor({ state: 'attached' });
        expect(await panel.locator('.search-partial > summary').textContent()).toBe(
          '3 passages with only some of the words',
        );
        await panel.locator('.search-partial > summary').click();
        expect(await axeViolations(panelPage)).toEqual([]);
        await context.close();
      }
    });

    it('has no accessibility violations on the search page with a correction', async () => {
      await search('Stoltenburg tanks');
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});
