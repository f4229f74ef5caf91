/**
 * The search, off the page's main thread: Pagefind (its WebAssembly, index chunks, fragments)
 * and the passage matching of `search-engine.ts` run here, so typing never waits for them, and
 * only what the results list shows crosses back to the page.
 *
 * The index is in parts (`search-parts.ts`), one Pagefind instance each, all made by the one
 * pagefind.js: Pagefind would otherwise start a worker of its own; loaded in a worker it runs in
 * place. Searches are taken latest-first: while one runs, newer requests replace older waiting
 * ones, so a fast typist's stale keystrokes are answered with `superseded` instead of queueing up;
 * each request's words are preloaded as it arrives.
 */
import type { GlossaryName } from '../lib/names';
import { PAGEFIND_DIR, PARTS_MANIFEST, type PartsManifest } from '../lib/search-parts';
import { inflatePagefindFiles } from './pagefind-gunzip';
import { VOCABULARY_DIR } from '../lib/search-words';
import { SearchEngine, type PagefindIndex, type VocabularyLoader } from './search-engine';
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

/**
 * The vocabulary's files, fetched the first time a word needs one. A site built without a
 * vocabulary (no `files.json`) leaves every word to Pagefind.
 */
const vocabularyFiles = fetch(`${base}${VOCABULARY_DIR}/files.json`)
  .then((response) => (response.ok ? (response.json() as Promise<string[]>) : undefined))
  .then((files) => files && new Set(files))
  .catch(() => undefined);
const vocabularyWords = new Map<string, Promise<readonly string[]>>();
const vocabulary: VocabularyLoader = async (file) => {
  const files = await vocabularyFiles;
  if (!files) return undefined;
  if (!files.has(file)) return [];
  let words = vocabularyWords.get(file);
  if (!words) {
    words = fetch(`${base}${VOCABULARY_DIR}/${file}.txt`).then(async (response) => {
      if (!response.ok) throw new Error(`The search vocabulary is missing ${file}.txt`);
      return (await response.text()).split('\n').filter(Boolean);
    });
    // A failed fetch is tried again by the next search.
    words.catch(() => vocabularyWords.delete(file));
    vocabularyWords.set(file, words);
  }
  return words;
};

async function fetchJson<T>(path: string): Promise<T> {
  const response = await fetch(`${base}${path}`);
  if (!response.ok) throw new Error(`The search could not load ${path}: ${response.status}`);
  return (await response.json()) as T;
}

const engine: Promise<SearchEngine> = Promise.all([
  import(/* @vite-ignore */ `${base}${PAGEFIND_DIR}/pagefind.js`) as Promise<PagefindModule>,
  fetchJson<PartsManifest>(PARTS_MANIFEST),
  fetchJson<GlossaryName[]>('search/glossary.json'),
]).then(async ([pagefind, manifest, glossary]) => {
  // The newest part first, alone: pagefind.js compiles its WebAssembly once, for the first
  // instance to finish loading it, but instances loading it at the same time would each compile
  // their own and overwrite the one the others hold their index in. Then the others, at once.
  const create = ({ dir }: { dir: string }) =>
    pagefind.createInstance({ basePath: `${base}${dir}` });
  const [newest, ...older] = manifest.parts;
  const first = create(newest!);
  // `init()` returns before the WebAssembly is in; a search, even of nothing, waits for it.
  await first.preload('');
  const parts = [first, ...older.map(create)];
  await Promise.all(parts.map((part) => part.init()));
  return new SearchEngine({ parts, articles: manifest.articles }, glossary, vocabulary);
});

let waiting: SearchRequest | undefined;
let running = false;

const reply = (response: SearchResponse) => scope.postMessage(response);

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  try {
    while (waiting) {
      const request = waiting;
      waiting = undefined;
      try {
        const outcome = await (
          await engine
        ).search(request.query, request.options, request.limit, (first) => {
          // A newer request waiting makes this one's first answer stale.
          if (!waiting) reply({ id: request.id, outcome: first, progress: true });
        });
        reply({ id: request.id, outcome });
      } catch (error) {
        reply({ id: request.id, error: error instanceof Error ? error.message : String(error) });
      }
    }
  } finally {
    running = false;
  }
}

scope.addEventListener('message', (event) => {
  if (waiting) reply({ id: waiting.id, superseded: true });
  waiting = event.data;
  const { query, options } = event.data;
  void engine.then((search) => search.preload(query, options)).catch(() => {});
  void drain();
});
