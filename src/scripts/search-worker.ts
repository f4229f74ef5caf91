/**
 * The search, off the page's main thread: Pagefind (its WebAssembly, index chunks, fragments)
 * and the passage matching of `search-engine.ts` run here, so typing never waits for them, and
 * only what the results list shows crosses back to the page.
 *
 * The index is in parts (`search-parts.ts`), one Pagefind instance each, all made by the one
 * pagefind.js: Pagefind would otherwise start a worker of its own; loaded in a worker it runs in
 * place. Each request is searched as it arrives, and makes every older one still running stale:
 * that one stops at its next step and is answered with `superseded`, so a fast typist's last
 * query never waits for the keystrokes before it; each request's words are preloaded as it
 * arrives.
 */
import type { GlossaryName } from '../lib/names';
import {
  POSTINGS_DIR,
  parseDirectory,
  parsePostings,
  type TermStats,
} from '../lib/search-directory';
import {
  PAGEFIND_DIR,
  PART_DOCUMENTS,
  PARTS_MANIFEST,
  parseFragment,
  publishedDay,
  type PartDocuments,
  type PartEntry,
  type PartsManifest,
} from '../lib/search-parts';
import { inflatePagefindFiles } from './pagefind-gunzip';
import { VOCABULARY_DIR } from '../lib/search-words';
import {
  SearchEngine,
  Superseded,
  searchKey,
  type DirectoryLoader,
  type IndexPart,
  type OpenPart,
  type PagefindIndex,
  type PagefindRecord,
  type PostingsLoader,
} from './search-engine';
import type { SearchRequest, SearchResponse } from './search-protocol';

/** What pagefind.js exports that is used here. */
interface PagefindModule {
  createInstance(options: { basePath: string }): PagefindIndex & { init(): Promise<void> };
}

/** The worker's global scope, as far as it is used here (the DOM library types `self` as a window). */
const scope = self as unknown as {
  fetch: typeof fetch;
  postMessage(response: SearchResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<SearchRequest>) => void): void;
};

const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');

inflatePagefindFiles(scope, `${base}${PAGEFIND_DIR}/`);

async function fetchJson<T>(path: string): Promise<T> {
  const response = await fetch(`${base}${path}`);
  if (!response.ok) throw new Error(`The search could not load ${path}: ${response.status}`);
  return (await response.json()) as T;
}

/**
 * A loader of the text files in `folder` (under the directory's), each fetched and parsed the
 * first time it is asked for, and kept; a failed fetch is tried again by the next search.
 */
function textFiles<T>(folder: string, what: string, parse: (text: string) => T) {
  const loaded = new Map<string, Promise<T>>();
  return (file: string): Promise<T> => {
    let parsed = loaded.get(file);
    if (!parsed) {
      parsed = fetch(`${base}${folder}${file}.txt`).then(async (response) => {
        if (!response.ok) throw new Error(`The search's ${what} are missing ${file}.txt`);
        return parse(await response.text());
      });
      parsed.catch(() => loaded.delete(file));
      loaded.set(file, parsed);
    }
    return parsed;
  };
}

/** The word directory's files, each fetched the first time a term needs it. */
const directoryFiles = fetchJson<string[]>(`${VOCABULARY_DIR}/files.json`).then(
  (files) => new Set(files),
);
const directoryFile = textFiles(`${VOCABULARY_DIR}/`, 'word directory files', parseDirectory);
const directory: DirectoryLoader = async (file) =>
  (await directoryFiles).has(file) ? directoryFile(file) : new Map<string, TermStats>();

/** The postings' files (`search-directory.ts`), each fetched the first time a rare term needs it. */
const postings: PostingsLoader = textFiles(
  `${VOCABULARY_DIR}/${POSTINGS_DIR}/`,
  'postings',
  parsePostings,
);

/**
 * An article's record from its Pagefind fragment, as `data()` gives it (its address under the
 * site's base), for the articles a rare term's postings name and for every search's results
 * alike (see `SearchEngine`'s `recordsFrom`). The fetch is inflated by `inflatePagefindFiles`.
 */
function fragment(dir: string, id: string): Promise<PagefindRecord> {
  const key = `${dir}${id}`;
  let record = fragments.get(key);
  if (record) fragments.delete(key);
  else {
    record = loadFragment(dir, id);
    // A failed fetch is tried again by the next search.
    record.catch(() => fragments.delete(key));
  }
  fragments.set(key, record);
  if (fragments.size > FRAGMENTS_KEPT) fragments.delete(fragments.keys().next().value!);
  return record;
}

/** Fragments loaded, the latest used last: a reader's next searches often show the same. */
const fragments = new Map<string, Promise<PagefindRecord>>();
const FRAGMENTS_KEPT = 200;

async function loadFragment(dir: string, id: string): Promise<PagefindRecord> {
  const response = await fetch(`${base}${dir}fragment/${id}.pf_fragment`);
  if (!response.ok) throw new Error(`The search could not load the fragment ${id}`);
  const record = parseFragment<PagefindRecord>(await response.text());
  // As Pagefind's `data()` gives it: under the folder above `pagefind/`, the site's base, and
  // its content without the zero-width spaces Pagefind may have put between words.
  const url = /^(https?:)?\/\//.test(record.url)
    ? record.url
    : `${base}/${record.url}`.replace(/\/+/g, '/');
  return { ...record, url, content: record.content.replace(/\u200B/g, '') };
}

// pagefind.js is loaded at once, but a search of rare terms does not wait for it: it reads only
// the directory and fragments.
const pagefindCode = import(
  /* @vite-ignore */ `${base}${PAGEFIND_DIR}/pagefind.js`
) as Promise<PagefindModule>;
pagefindCode.catch(() => {});

const engine: Promise<SearchEngine> = Promise.all([
  fetchJson<PartsManifest>(PARTS_MANIFEST),
  fetchJson<GlossaryName[]>('search/glossary.json'),
]).then(([manifest, glossary]) => {
  // pagefind.js compiles its WebAssembly once, for the first instance to finish loading it, but
  // instances loading it at the same time would each compile their own and overwrite the one the
  // others hold their index in. So the newest part is opened first, alone, and each other part
  // only once the one before it is in; a part is opened when a search first needs it.
  let opened: Promise<unknown> = Promise.resolve();
  const part = (entry: PartEntry): IndexPart => {
    let open: Promise<OpenPart> | undefined;
    return {
      place: entry.place,
      newest: publishedDay(entry.newest),
      open() {
        open ??= (async () => {
          const documents = fetchJson<PartDocuments>(`${entry.dir}${PART_DOCUMENTS}`);
          const ready = opened;
          const index = (async () => {
            await ready.catch(() => {});
            const pagefind = await pagefindCode;
            const instance = pagefind.createInstance({ basePath: `${base}${entry.dir}` });
            // `init()` returns before the WebAssembly is in; a search, even of nothing, waits for it.
            await instance.init();
            await instance.preload('');
            return instance;
          })();
          opened = index;
          const { ids, days, words } = await documents;
          const byId = new Map(ids.map((id, i) => [id, { day: days[i]!, words: words[i]! }]));
          return { index: await index, documents: byId };
        })();
        // A part that failed to open is tried again by the next search.
        open.catch(() => (open = undefined));
        return open;
      },
      fragment: (id) => fragment(entry.dir, id),
    };
  };
  const parts = manifest.parts.map(part);
  // Warm-up: the newest part, which every search asks first.
  parts[0]?.open().catch(() => {});
  return new SearchEngine(
    {
      parts,
      articles: manifest.articles,
      averageWords: manifest.averageWords,
      newest: publishedDay(manifest.parts[0]?.newest ?? ''),
      postings: manifest.postings,
    },
    glossary,
    directory,
    // Fragments are gzip: read by the browser's own inflate, or left to Pagefind.
    typeof DecompressionStream === 'undefined' ? undefined : postings,
  );
});

/** The newest request: every older one still running is stale, and stops at its next step. */
let latest = 0;
/** The newest request's `searchKey`: a search ahead of it goes on (see `searchAhead`). */
let latestKey = '';

const reply = (response: SearchResponse) => scope.postMessage(response);

async function run(request: SearchRequest): Promise<void> {
  const stale = () => latest !== request.id;
  try {
    const search = await engine;
    const outcome = await search.search(
      request.query,
      request.options,
      request.limit,
      (first) => {
        // A newer request makes this one's first answer stale.
        if (!stale()) reply({ id: request.id, outcome: first, progress: true });
      },
      stale,
    );
    reply({ id: request.id, outcome });
    // Until the next key, the names being typed are searched ahead (see `searchAhead`).
    if (!stale())
      await search
        .searchAhead(
          request.query,
          request.options,
          request.limit,
          (completion) =>
            stale() && latestKey !== searchKey(completion, request.options, request.limit),
        )
        .catch(() => {});
  } catch (error) {
    if (error instanceof Superseded) reply({ id: request.id, superseded: true });
    else reply({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  latest = request.id;
  latestKey = searchKey(request.query, request.options, request.limit);
  void engine.then((search) => search.preload(request.query, request.options)).catch(() => {});
  // At once, not after the search before it: that one gives up at its next step.
  void run(request);
});
