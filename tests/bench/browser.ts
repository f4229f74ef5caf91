/**
 * The measurements made in Chromium: search latency (first search on a cold page, later
 * searches, each keystroke, realistic typing), bytes and requests, and the weight of pages on
 * load. Each side (the site, or the Pagefind peer's bare page) is served on 127.0.0.1 with gzip
 * by a counting server (wire.ts), as a static host would; there is no network throttling, so
 * the times are the browser's own work plus loopback transfers.
 *
 * Everything is read from the DOM: the results list (`#search-results`) says which query it
 * shows in `data-query`, whatever the search does underneath (index parts, workers, chunks).
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { TestBrowser } from '../support/browser.ts';
import { checkTraffic, type CountingServer, type Traffic } from './wire.ts';

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

/** One side of the comparison: a served folder and the page whose search box is measured. */
export interface Side {
  name: string;
  server: CountingServer;
  /** The folder served, to prove the byte count against. */
  root: string;
  /** Site path of the page with the box, e.g. an article (the header box) or the bare page. */
  page: string;
}

interface Paint {
  /**
   * What `#search-results` says it shows, `query|tag|sort`, once its results are complete; null
   * while more are coming (the site's list is `aria-busy` while older index parts answer).
   */
  query: string | null;
  /** The search box's value then: the query these results are for. */
  input: string;
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
  /** The last keystroke: its keydown, or its input event when it had none (inserted text). */
  lastKey: number;
  paints: Paint[];
}

declare global {
  interface Window {
    __bench: BenchState;
  }
}

/**
 * Runs in every page before its own scripts: notes the first focus/keystroke and the last
 * keystroke and, through a MutationObserver, each time `#search-results` gets results, then
 * the frame after (a task posted from requestAnimationFrame runs once that frame is painted).
 */
function instrument(): void {
  const state: BenchState = { start: -1, lastKey: -1, paints: [] };
  window.__bench = state;
  const first = (event: Event) => {
    if (state.start < 0) state.start = event.timeStamp;
  };
  for (const type of ['focusin', 'keydown', 'input']) addEventListener(type, first, true);
  let keyDown = false;
  addEventListener(
    'keydown',
    (event) => {
      state.lastKey = event.timeStamp;
      keyDown = true;
    },
    true,
  );
  addEventListener(
    'input',
    (event) => {
      if (!keyDown) state.lastKey = event.timeStamp;
      keyDown = false;
    },
    true,
  );
  const box = () => document.getElementById('search-input') as HTMLInputElement | null;
  new MutationObserver((records) => {
    const lists = new Set<HTMLElement>();
    for (const record of records) {
      const target = record.target as HTMLElement;
      if (target.id === 'search-results') lists.add(target);
    }
    for (const list of lists) {
      const paint = {
        query: list.getAttribute('data-query') || null,
        input: box()?.value ?? '',
        rendered: performance.now(),
        articles: list.children.length,
        hits: list.querySelectorAll('.search-hit').length,
      };
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => state.paints.push({ ...paint, painted: performance.now() });
        channel.port2.postMessage(null);
      });
    }
  }).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-query', 'aria-busy'],
  });
}

/** Counts every request and byte the side's server sends from now on, proven against its files. */
async function trackTraffic(side: Side) {
  const window = await side.server.window();
  return {
    async stop(): Promise<Traffic> {
      const traffic = await window.end();
      checkTraffic(side.root, traffic);
      return traffic;
    },
  };
}

async function reset(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__bench.start = -1;
    window.__bench.lastKey = -1;
    window.__bench.paints = [];
  });
}

interface Painted {
  /** The first results of `value` painted: complete, or the first part's while more come. */
  first: Paint;
  /** Its results complete (`data-query` says so). */
  complete: Paint;
  start: number;
  lastKey: number;
}

/**
 * Waits for the results of `value` to be complete; returns when they were first painted (some
 * results for that query, or the complete ones, whichever came first), when complete, and the
 * event times. Results shown while later index parts still answer count as first results: the
 * box already holds the query, so they are for it (a stale search is never shown).
 */
async function painted(page: Page, value: string): Promise<Painted> {
  await page.waitForFunction(
    (prefix) => window.__bench.paints.some((paint) => paint.query?.startsWith(prefix)),
    `${value}|`,
    { timeout: 30_000, polling: 'raf' },
  );
  return page.evaluate(
    ({ prefix, value }) => {
      const paints = window.__bench.paints;
      const complete = paints.find((p) => p.query?.startsWith(prefix))!;
      const first =
        paints.find(
          (p) =>
            p.query?.startsWith(prefix) ||
            (p.query === null && p.input === value && p.articles > 0),
        ) ?? complete;
      return { first, complete, start: window.__bench.start, lastKey: window.__bench.lastKey };
    },
    { prefix: `${value}|`, value },
  );
}

async function newPage(context: BrowserContext): Promise<Page> {
  await context.addInitScript(instrument);
  return context.newPage();
}

export interface ColdSearch {
  /** From focus of the box (the query typed at once) to the first results painted, in ms. */
  ms: number;
  /** The same to the results complete (every index part that was needed has answered). */
  completeMs: number;
  /** Of that, after the results were in the DOM until painted. */
  paintMs: number;
  requests: number;
  bytes: number;
  /** What was fetched, in the order served, with its bytes on the wire. */
  fetched: { path: string; bytes: number }[];
  articles: number;
  hits: number;
}

/**
 * The first search on a page that has loaded nothing of search: a fresh browser profile (empty
 * cache), the page loaded, then a click in the box and the query typed at once.
 */
export async function coldSearch(
  chromium: TestBrowser,
  side: Side,
  query: string,
): Promise<ColdSearch> {
  const context = await chromium.newContext();
  try {
    const page = await newPage(context);
    // The page's own script is a module, run before `load`: the box is ready then.
    await page.goto(side.server.origin + side.page, { waitUntil: 'load' });
    await reset(page);
    const traffic = await trackTraffic(side);
    await page.locator('#search-input').click();
    await page.keyboard.insertText(query);
    const { first, complete, start } = await painted(page, query);
    const { requests, bytes, responses } = await traffic.stop();
    return {
      ms: first.painted - start,
      completeMs: complete.painted - start,
      paintMs: first.painted - first.rendered,
      requests,
      bytes,
      fetched: responses.map((response) => ({ path: response.path, bytes: response.wire })),
      articles: complete.articles,
      hits: complete.hits,
    };
  } finally {
    await context.close();
  }
}

/** Milliseconds between keystrokes when typing as a reader does. */
export const TYPING_INTERVAL_MS = 120;

export interface TypedSearch {
  /** From the last keystroke to the results of the whole query painted, in ms. */
  ms: number;
  /** From focus to those results, in ms. */
  fromFocusMs: number;
  requests: number;
  bytes: number;
}

/**
 * Realistic typing on a cold page: a fresh profile loads the page, a click focuses the box, and
 * the query is typed one key every 120 ms (the first 120 ms after focus), as a reader types.
 * Search may warm up meanwhile; what the reader waits for is the time after the last key.
 */
export async function typedSearch(
  chromium: TestBrowser,
  side: Side,
  query: string,
): Promise<TypedSearch> {
  const context = await chromium.newContext();
  try {
    const page = await newPage(context);
    await page.goto(side.server.origin + side.page, { waitUntil: 'load' });
    await reset(page);
    const traffic = await trackTraffic(side);
    await page.locator('#search-input').click();
    const focused = performance.now();
    let i = 0;
    for (const character of query) {
      // The cadence of a typist, not a wait for the page: each key is due at its time.
      const due = focused + ++i * TYPING_INTERVAL_MS;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await page.keyboard.type(character);
    }
    const { first, start, lastKey } = await painted(page, query);
    const { requests, bytes } = await traffic.stop();
    return { ms: first.painted - lastKey, fromFocusMs: first.painted - start, requests, bytes };
  } finally {
    await context.close();
  }
}

/** Later searches on one page where a first search has loaded search. */
export interface WarmPage {
  /** The query typed at once after Escape cleared the box: ms to painted, and bytes fetched. */
  once(query: string): Promise<{ ms: number; bytes: number; requests: number }>;
  /** The query typed one key at a time, each key's results awaited: each key's latency. */
  keystrokes(query: string): Promise<number[]>;
  close(): Promise<void>;
}

/**
 * Opens the side's page in a fresh profile and loads search with a query outside the set, so
 * no query in the set is cached yet.
 */
export async function openWarmPage(chromium: TestBrowser, side: Side): Promise<WarmPage> {
  const context = await chromium.newContext();
  const page = await newPage(context);
  await page.goto(side.server.origin + side.page, { waitUntil: 'load' });
  await page.locator('#search-input').click();
  await page.keyboard.insertText('warm-up');
  await painted(page, 'warm-up');
  const clear = async () => {
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.getElementById('search-results')?.dataset['query']);
  };
  return {
    async once(query) {
      await clear();
      await reset(page);
      const traffic = await trackTraffic(side);
      await page.keyboard.insertText(query);
      const { first, start } = await painted(page, query);
      const { bytes, requests } = await traffic.stop();
      return { ms: first.painted - start, bytes, requests };
    },
    async keystrokes(query) {
      await clear();
      const times: number[] = [];
      let typed = '';
      for (const character of query) {
        typed += character;
        await reset(page);
        await page.keyboard.type(character);
        if (!typed.trim()) continue; // A leading space searches for nothing.
        const { first, start } = await painted(page, typed);
        times.push(first.painted - start);
      }
      return times;
    },
    close: () => context.close(),
  };
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

export interface SearchPageLoad {
  /** From navigation start to the results painted, in ms. */
  ms: number;
  requests: number;
  bytes: number;
}

/** Opening `/search/?q=...` in a fresh profile: navigation to results painted. */
export async function searchPageLoad(
  chromium: TestBrowser,
  side: Side,
  query: string,
): Promise<SearchPageLoad> {
  const context = await chromium.newContext();
  try {
    const page = await newPage(context);
    const traffic = await trackTraffic(side);
    await page.goto(`${side.server.origin}/search/?q=${encodeURIComponent(query)}`);
    const { first } = await painted(page, query);
    await page.waitForLoadState('networkidle');
    const { requests, bytes } = await traffic.stop();
    return { ms: first.painted, requests, bytes };
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
export async function pageWeight(
  chromium: TestBrowser,
  side: Side,
  path: string,
): Promise<PageWeight> {
  const context = await chromium.newContext();
  try {
    const page = await context.newPage();
    const traffic = await trackTraffic(side);
    const response = await page.goto(side.server.origin + path, { waitUntil: 'networkidle' });
    const htmlBytes = (await response?.body())?.length ?? 0;
    const { requests, bytes, responses } = await traffic.stop();
    const resources = responses.map((r) => r.path).filter((p) => p !== path);
    return { requests, bytes, htmlBytes, resources };
  } finally {
    await context.close();
  }
}
