/**
 * The measurements made in Chromium: search latency (first search on a cold page, later
 * searches, each keystroke), bytes fetched, and the weight of pages on load. The site is served
 * on 127.0.0.1 with gzip, as a static host would; there is no network throttling, so the times
 * are the browser's own work plus loopback transfers.
 */
import type { BrowserContext, Page, Request } from 'playwright-core';
import type { TestBrowser } from '../support/browser.ts';

export interface BenchQuery {
  kind: string;
  text: string;
}

/** The fixed query set: names, other spellings, phrases, figures, rare and common words. */
export const benchQueries: BenchQuery[] = [
  { kind: 'name', text: 'Stoltenberg' },
  { kind: 'name', text: 'Kyiv' },
  { kind: 'name (other spelling)', text: 'Kiev' },
  { kind: 'name (other spelling)', text: 'Kÿiv' },
  { kind: 'name (other spelling)', text: 'Zelensky' },
  { kind: 'name (other spelling)', text: 'Atlantic Alliance' },
  { kind: 'phrase', text: '"battle of attrition"' },
  { kind: 'phrase (curly quotes)', text: '“Euro-Atlantic family”' },
  { kind: 'figure', text: '$150 billion' },
  { kind: 'token', text: 'Mig-29' },
  { kind: 'rare word', text: 'hydrofoil' },
  { kind: 'rare word', text: 'samovar' },
  { kind: 'common word', text: 'ammunition' },
  { kind: 'common word', text: 'said' },
  { kind: 'several words', text: 'Zelensky weapons' },
  { kind: 'several words', text: 'Stoltenberg Kyiv tanks' },
  { kind: 'word in no article', text: 'marathon' },
];

interface Paint {
  /** What `#search-results` says it shows: `query|tag|sort`. */
  query: string;
  /** performance.now() when the results were put in the page. */
  rendered: number;
  /** performance.now() after the next frame was painted. */
  painted: number;
  articles: number;
  hits: number;
}

interface BenchState {
  /** Earliest focus, keystroke or input event since the last reset (event.timeStamp). */
  start: number;
  paints: Paint[];
}

declare global {
  interface Window {
    __bench: BenchState;
  }
}

/**
 * Runs in every page before its own scripts: notes the first focus/keystroke and, through a
 * MutationObserver, each time `#search-results` gets results, then the frame after (a task
 * posted from requestAnimationFrame runs once that frame is painted).
 */
function instrument(): void {
  const state: BenchState = { start: -1, paints: [] };
  window.__bench = state;
  const first = (event: Event) => {
    if (state.start < 0) state.start = event.timeStamp;
  };
  for (const type of ['focusin', 'keydown', 'input']) addEventListener(type, first, true);
  new MutationObserver((records) => {
    for (const record of records) {
      const list = record.target as HTMLElement;
      const query = list.id === 'search-results' ? list.getAttribute('data-query') : null;
      if (!query) continue;
      const rendered = performance.now();
      const articles = list.children.length;
      const hits = list.querySelectorAll('.search-hit').length;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () =>
          state.paints.push({ query, rendered, painted: performance.now(), articles, hits });
        channel.port2.postMessage(null);
      });
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-query'] });
}

/** Counts requests and bytes on the wire (headers + encoded body) from now on. */
function trackTraffic(page: Page) {
  let requests = 0;
  let bytes = 0;
  const pending: Promise<void>[] = [];
  const onFinished = (request: Request) => {
    requests++;
    pending.push(
      request.sizes().then(
        (sizes) => void (bytes += sizes.responseBodySize + sizes.responseHeadersSize),
        () => undefined,
      ),
    );
  };
  page.on('requestfinished', onFinished);
  return {
    async stop(): Promise<{ requests: number; bytes: number }> {
      page.off('requestfinished', onFinished);
      await Promise.all(pending);
      return { requests, bytes };
    },
  };
}

async function reset(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__bench.start = -1;
    window.__bench.paints = [];
  });
}

/** Waits for results of `value` to be painted; returns that paint and the start event time. */
async function painted(page: Page, value: string): Promise<{ paint: Paint; start: number }> {
  await page.waitForFunction(
    (prefix) => window.__bench.paints.some((paint) => paint.query.startsWith(prefix)),
    `${value}|`,
    { timeout: 30_000, polling: 'raf' },
  );
  return page.evaluate((prefix) => {
    const paint = window.__bench.paints.find((p) => p.query.startsWith(prefix))!;
    return { paint, start: window.__bench.start };
  }, `${value}|`);
}

async function newPage(context: BrowserContext): Promise<Page> {
  await context.addInitScript(instrument);
  return context.newPage();
}

export interface ColdSearch {
  /** From focus of the box (the query typed at once) to the results painted, in ms. */
  ms: number;
  /** Of that, after the results were in the DOM until painted. */
  paintMs: number;
  requests: number;
  bytes: number;
  articles: number;
  hits: number;
}

/**
 * The first search on a page that has loaded nothing of search: a fresh browser profile (empty
 * cache), the article page loaded and idle, then a click in the header box and the query typed.
 */
export async function coldSearch(
  chromium: TestBrowser,
  pageUrl: string,
  query: string,
): Promise<ColdSearch> {
  const context = await chromium.newContext();
  try {
    const page = await newPage(context);
    // The page's own script is a module, run before \`load\`: the box is ready then.
    await page.goto(pageUrl, { waitUntil: 'load' });
    await reset(page);
    const traffic = trackTraffic(page);
    await page.locator('#search-input').click();
    await page.keyboard.insertText(query);
    const { paint, start } = await painted(page, query);
    const { requests, bytes } = await traffic.stop();
    return {
      ms: paint.painted - start,
      paintMs: paint.painted - paint.rendered,
      requests,
      bytes,
      articles: paint.articles,
      hits: paint.hits,
    };
  } finally {
    await context.close();
  }
}

export interface WarmSearches {
  /** Each query typed at once, the first time this page searches for it, in ms. */
  first: number[];
  /** Bytes fetched for each of those first searches (index chunks and fragments not yet loaded). */
  firstBytes: number[];
  /** The same queries again (everything they need is loaded): median of the repeats, in ms. */
  repeat: number[];
  /** Each query typed one character at a time: for each, the latency of every keystroke, in ms. */
  keystrokes: number[][];
}

/**
 * Later searches on one page after a first search has loaded Pagefind: each query typed at once
 * (after Escape clears the box), then all of them again `repeats` times, then each typed key by
 * key, waiting for each keystroke's results before the next.
 */
export async function warmSearches(
  chromium: TestBrowser,
  pageUrl: string,
  queries: readonly string[],
  repeats: number,
): Promise<WarmSearches> {
  const context = await chromium.newContext();
  const result: WarmSearches = { first: [], firstBytes: [], repeat: [], keystrokes: [] };
  try {
    const page = await newPage(context);
    await page.goto(pageUrl, { waitUntil: 'load' });
    const input = page.locator('#search-input');
    // Load search with a query outside the set, so no query in the set is cached yet.
    await input.click();
    await page.keyboard.insertText('warm-up');
    await painted(page, 'warm-up');
    const clear = async () => {
      await page.keyboard.press('Escape');
      await page.waitForFunction(
        () => !document.getElementById('search-results')?.dataset['query'],
      );
    };
    const once = async (query: string) => {
      await clear();
      await reset(page);
      await page.keyboard.insertText(query);
      const { paint, start } = await painted(page, query);
      return paint.painted - start;
    };
    for (const query of queries) {
      const traffic = trackTraffic(page);
      result.first.push(await once(query));
      result.firstBytes.push((await traffic.stop()).bytes);
    }
    const again: number[][] = queries.map(() => []);
    for (let round = 0; round < repeats; round++) {
      for (const [i, query] of queries.entries()) again[i]!.push(await once(query));
    }
    result.repeat = again.map(
      (times) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!,
    );
    for (const query of queries) {
      await clear();
      const times: number[] = [];
      let typed = '';
      for (const character of query) {
        typed += character;
        await reset(page);
        await page.keyboard.type(character);
        if (!typed.trim()) continue; // A leading space searches for nothing.
        const { paint, start } = await painted(page, typed);
        times.push(paint.painted - start);
      }
      result.keystrokes.push(times);
    }
    return result;
  } finally {
    await context.close();
  }
}

export interface SearchPageLoad {
  /** From navigation start to the results painted, in ms. */
  ms: number;
  requests: number;
  bytes: number;
}

/** Opening `/search/?q=...` in a fresh profile: navigation to results painted. */
export async function searchPageLoad(
  chromium: TestBrowser,
  searchUrl: string,
  query: string,
): Promise<SearchPageLoad> {
  const context = await chromium.newContext();
  try {
    const page = await newPage(context);
    const traffic = trackTraffic(page);
    await page.goto(`${searchUrl}?q=${encodeURIComponent(query)}`);
    const { paint } = await painted(page, query);
    await page.waitForLoadState('networkidle');
    const { requests, bytes } = await traffic.stop();
    return { ms: paint.painted, requests, bytes };
  } finally {
    await context.close();
  }
}

export interface PageWeight {
  requests: number;
  /** Headers and bodies as transferred (gzip where the server compresses). */
  bytes: number;
  /** The HTML document alone, uncompressed. */
  htmlBytes: number;
  /** Paths requested besides the document. */
  resources: string[];
}

/** What a page costs on load in a fresh profile: requests and bytes until the network is idle. */
export async function pageWeight(chromium: TestBrowser, url: string): Promise<PageWeight> {
  const context = await chromium.newContext();
  try {
    const page = await context.newPage();
    const resources: string[] = [];
    page.on('request', (request) => {
      if (request.url() !== url) resources.push(new URL(request.url()).pathname);
    });
    const traffic = trackTraffic(page);
    const response = await page.goto(url, { waitUntil: 'networkidle' });
    const htmlBytes = (await response?.body())?.length ?? 0;
    const { requests, bytes } = await traffic.stop();
    return { requests, bytes, htmlBytes, resources };
  } finally {
    await context.close();
  }
}
