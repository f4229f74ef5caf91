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
  type Posting,
  type TermStats,
} from '../lib/search-directory';
import {
  PAGEFIND_DIR,
  PART_DOCUMENTS,
  PARTS_MANIFEST,
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

/** The word directory's files, each fetched the first time a term needs it. */
const directoryFiles = fetchJson<string[]>(`${VOCABULARY_DIR}/files.json`).then(
  (files) => new Set(files),
);
const directoryTerms = new Map<string, Promise<ReadonlyMap<string, TermStats>>>();
const directory: DirectoryLoader = async (file) => {
  if (!(await directoryFiles).has(file)) return new Map();
  let terms = directoryTerms.get(file);
  if (!terms) {
    terms = fetch(`${base}${VOCABULARY_DIR}/${file}.txt`).then(async (response) => {
      if (!response.ok) throw new Error(`The search's word directory is missing ${file}.txt`);
      return parseDirectory(await response.text());
    });
    // A failed fetch is tried again by the next search.
    terms.catch(() => directoryTerms.delete(file));
    directoryTerms.set(file, terms);
  }
  return terms;
};

/** The postings' files (`search-directory.ts`), each fetched the first time a rare term needs it. */
const postingFiles = new Map<string, Promise<ReadonlyMap<string, readonly Posting[]>>>();
const postings: PostingsLoader = (file) => {
  let terms = postingFiles.get(file);
  if (!terms) {
    terms = fetch(`${base}${VOCABULARY_DIR}/${POSTINGS_DIR}/${file}.txt`).then(async (response) => {
      if (!response.ok) throw new Error(`The search's postings are missing ${file}.txt`);
      return parsePostings(await response.text());
    });
    terms.catch(() => postingFiles.delete(file));
    postingFiles.set(file, terms);
  }
  return terms;
};

/** What Pagefind writes at the head of a fragment, once inflated. */
const FRAGMENT_SIGNATURE = 'pagefind_dcd';

/**
 * An article's record from its Pagefind fragment, as `data()` gives it (its address under the
 * site's base), without Pagefind: the postings name the fragment. The fetch is inflated by
 * `inflatePagefindFiles`.
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
  const text = await response.text();
  if (!text.startsWith(FRAGMENT_SIGNATURE))
    throw new Error(`The fragment ${id} is not one this search can read`);
  const record = JSON.parse(text.slice(FRAGMENT_SIGNATURE.length)) as PagefindRecord;
  // As Pagefind's `data()` gives it: under the folder above `pagefind/`, the site's base.
  const url = /^(https?:)?\/\//.test(record.url)
    ? record.url
    : `${base}/${record.url}`.replace(/\/+/g, '/');
  return { ...record, url };
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

const reply = (response: SearchResponse) => scope.postMessage(response);

async function run(request: SearchRequest): Promise<void> {
  const stale = () => latest !== request.id;
  try {
    const outcome = await (
      await engine
    ).search(
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
  } catch (error) {
    if (error instanceof Superseded) reply({ id: request.id, superseded: true });
    else reply({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  latest = request.id;
  void engine.then((search) => search.preload(request.query, request.options)).catch(() => {});
  // At once, not after the search before it: that one gives up at its next step.
  void run(request);
});
