/**
 * How the search index is cut into parts, shared by the indexer (build and dev) and the search
 * worker. No Node imports: the worker bundles this.
 *
 * Articles are ordered by (published, url), oldest first, and cut into parts of a fixed number of
 * articles. Publishing a new article therefore changes only the newest part, and each part is
 * written by its own Pagefind index, so indexing holds one part in memory, not the archive.
 */

/**
 * Articles per part unless the build says otherwise (`SEARCH_PART_SIZE`): small enough that
 * Pagefind's memory for one part stays well under 1 GB, large enough to keep the parts (and the
 * requests of a search) few. BENCHMARKS.md has the measurements.
 */
export const DEFAULT_PART_SIZE = 1000;

/**
 * The most articles a term may be held by and still have its postings in the word directory
 * (`search-directory.ts`), at the least, unless the build says otherwise (`SEARCH_POSTINGS`): a
 * search for such a term opens no part of the index. BENCHMARKS.md has the measurements.
 */
export const DEFAULT_POSTINGS = 100;

/**
 * The archive size up to which the postings limit is `DEFAULT_POSTINGS`; it doubles each time the
 * archive does beyond it (`postingsFor`).
 */
export const POSTINGS_ARCHIVE_STEP = 25_000;

/**
 * The postings limit of an archive of `articles`: `DEFAULT_POSTINGS` up to
 * `POSTINGS_ARCHIVE_STEP` articles, twice that up to twice the articles, and so on (400 at
 * 100,000). A term's articles are spread over as many parts as the archive has, so without
 * postings a search for a term held by one article in a few hundred opens nearly every part to
 * find them (5.5 MB at 100,000 articles, against 141 KB by its postings). The limit steps, not
 * slides, because a part's summary in the cache is kept for the next step up
 * (`keptPostings`): a publish finds it still good until the archive doubles.
 */
export function postingsFor(articles: number): number {
  let limit = DEFAULT_POSTINGS;
  for (let size = POSTINGS_ARCHIVE_STEP; articles > size; size *= 2) limit *= 2;
  return limit;
}

/**
 * How far a part's summary keeps postings (in the cache) for a limit of `postings`: to the next
 * step of `postingsFor`, so that the archive's doubling needs no part counted again.
 */
export function keptPostings(postings: number): number {
  return postings * 2;
}

/** The Pagefind filter of an article's tags (the search page's tag control). */
export const TAG_FILTER = 'tag';

/** Where the manifest of the parts is, from the site's base. */
export const PARTS_MANIFEST = 'search/parts.json';

/** The folder of Pagefind's shared files (its JavaScript and WebAssembly), from the site's base. */
export const PAGEFIND_DIR = 'pagefind';

export interface PartEntry {
  /** The part's Pagefind bundle, from the site's base, ending in `/`. */
  dir: string;
  /** Its place among the parts, 0 the oldest: how the word directory names it. */
  place: number;
  articles: number;
  /** The `published` of its oldest and newest article. */
  oldest: string;
  newest: string;
}

export interface PartsManifest {
  /** Articles in all parts. */
  articles: number;
  /** Words in an article's record, on average over all parts (for BM25's length norm). */
  averageWords: number;
  /** The most articles a term with postings in the word directory is held by (0: none has). */
  postings: number;
  /** Newest part first: the order the search page asks them in. */
  parts: PartEntry[];
}

/**
 * A file of each part beside Pagefind's own: what the browser needs to score an article before
 * loading its fragment (`PartDocuments`).
 */
export const PART_DOCUMENTS = 'documents.json';

/**
 * Each article of a part by Pagefind's id for it (its fragment's name), with the day it was
 * published and the words in its record.
 */
export interface PartDocuments {
  ids: string[];
  days: number[];
  words: number[];
}

/** A `published` (a day or an instant, as the schema writes them) as a day number since 1970. */
export function publishedDay(published: string): number {
  const at = Date.parse(published.length === 10 ? `${published}T00:00:00Z` : published);
  return Number.isNaN(at) ? 0 : Math.floor(at / 86_400_000);
}

/** The folder of the part `index` (0 is the oldest), from the site's base. */
export function partDir(index: number): string {
  return `${PAGEFIND_DIR}/parts/${String(index).padStart(4, '0')}/`;
}

/**
 * The part size asked for: a whole number of articles, at least 1. `undefined` or '' gives the
 * default; anything else is a mistake the build names.
 */
export function parsePartSize(value: string | number | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PART_SIZE;
  const size = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(
      `The search part size must be a whole number of articles, at least 1: ${value}`,
    );
  }
  return size;
}

/**
 * The postings limit asked for: a whole number of articles, 0 for none. `undefined` or '': none
 * asked for, so the archive's size sets it (`postingsFor`); anything else is a mistake the
 * build names.
 */
export function parsePostings(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const limit = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(limit) || limit < 0) {
    throw new Error(
      `The search postings limit must be a whole number of articles, 0 or more: ${value}`,
    );
  }
  return limit;
}

/** The order articles are cut into parts in: by publication, then address, oldest first. */
export function compareForParts(
  a: { published: string; url: string },
  b: { published: string; url: string },
): number {
  // Instants and days compare as text only when both are in UTC's form; the schema writes them so.
  const at = (published: string) =>
    Date.parse(published.length === 10 ? `${published}T00:00:00Z` : published);
  return at(a.published) - at(b.published) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
}

/** `items` (already in `compareForParts` order) cut into parts of `size`, oldest part first. */
export function cutIntoParts<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    parts.push(items.slice(start, start + size));
  return parts;
}

/**
 * Pagefind's files that are the same in every part (its code, WebAssembly and UI): written once
 * under `PAGEFIND_DIR`, not in each part. Everything else (entry, metadata, index chunks,
 * fragments, filters) belongs to its part.
 */
export function isSharedPagefindFile(path: string): boolean {
  return !path.includes('/') && !/^pagefind-entry\.json$|\.pf_meta$/.test(path);
}

/** What Pagefind writes at the head of a fragment, once inflated. */
const FRAGMENT_SIGNATURE = 'pagefind_dcd';

/**
 * The record in one of Pagefind's fragment files (`fragment/<id>.pf_fragment`), inflated: a
 * signature, then JSON. Pagefind's own format, not its API, read by the build (to learn
 * Pagefind's id of each article: its Node API gives none, Pagefind/pagefind#371) and by the
 * search worker (to load an article its postings name). Pinned by tests/build/search-index.test.ts.
 */
export function parseFragment<T = { url: string }>(text: string): T {
  if (!text.startsWith(FRAGMENT_SIGNATURE)) {
    throw new Error(
      "A Pagefind fragment no longer starts as this site expects (Pagefind's format changed)",
    );
  }
  return JSON.parse(text.slice(FRAGMENT_SIGNATURE.length)) as T;
}
