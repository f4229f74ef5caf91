import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, relative, resolve } from 'node:path';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import type { ViteDevServer } from 'vite';
import type { GlossaryEntry } from '../content/glossary';
import { parseGlossary } from '../content/glossary';
import {
  currentProblems,
  loaderEntries,
  onDevEvent,
  reportProblem,
  clearProblem,
  type ContentProblem,
  type StoredEntry as Entry,
} from '../content/dev-channel';
import { nameMatcher } from '../lib/names';
import { eachLimited } from './each-limited';
import { heldRecord, indexParts, partDocuments, searchGlossary } from './search-index';
import { articleRecord, type SearchRecord } from './search-records';
import {
  PAGEFIND_DIR,
  PART_DOCUMENTS,
  PARTS_MANIFEST,
  isSharedPagefindFile,
  parsePartSize,
  partDir,
  parsePostings,
  postingsFor,
} from '../lib/search-parts';
import { VOCABULARY_DIR } from '../lib/search-words';

export interface Options {
  glossary: readonly GlossaryEntry[];
  language: string;
  /** The glossary's file: under `astro dev` a change to it is checked, then restarts the server. */
  glossaryFile: string;
  /** Articles per part of the index, as for the build (`search-index.ts`). */
  partSize?: number | undefined;
  /** The word directory's postings limit, as for the build (`search-index.ts`). */
  postings?: number | undefined;
}

/** The injected route that lists the articles as the dev server's pages see them. */
const entriesRoute = '/_dev-search/entries.json';
/** Quiet time after a change before re-indexing: a save often writes a file twice. */
const DEBOUNCE_MS = 150;
/** How long the pages may lag behind the content loader before indexing goes ahead anyway. */
const CATCH_UP_MS = 10_000;
/** Quiet time before the browser is told of problems found or fixed. */
const PROBLEMS_SETTLE_MS = 100;

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Search and content errors under `astro dev`, so the editor's preview behaves like the site.
 *
 * - Search: the articles are indexed as the build indexes them (the same records, from the pages
 *   the dev server renders, through Pagefind's Node API) and Pagefind's files are served from
 *   memory at `pagefind/`, with `search/glossary.json`. Each change to the content store
 *   re-indexes: the articles whose file changed are read again, the others are kept.
 * - Errors: a problem in an article's frontmatter or in the glossary is shown in the browser
 *   with Astro's error overlay (to open pages at once, to pages opened later on connecting),
 *   and the pages reload when it is fixed.
 */
export default function devSearch({
  glossary,
  language,
  glossaryFile,
  partSize,
  postings,
}: Options): AstroIntegration {
  return {
    name: 'dev-search',
    hooks: {
      'astro:config:setup': ({ command, injectRoute, addWatchFile }) => {
        if (command !== 'dev') return;
        injectRoute({
          pattern: entriesRoute,
          entrypoint: new URL('./dev-search-entries.ts', import.meta.url),
        });
        // A valid glossary takes effect through a restart: the Markdown pipeline reads it once.
        addWatchFile(glossaryFile);
      },
      'astro:server:setup': ({ server, logger }) => {
        const search = new DevSearch(
          server,
          logger,
          glossary,
          language,
          partSize ?? parsePartSize(process.env['SEARCH_PART_SIZE']),
          postings ?? parsePostings(process.env['SEARCH_POSTINGS']),
        );
        server.middlewares.use((req, res, next) => {
          if (!search.serve(req, res)) next();
        });
        // Astro restarts the dev server in place (a config or glossary change): what this server
        // listens to stops with it.
        const stops = [
          watchGlossary(server, glossaryFile),
          showProblemsInBrowser(server),
          onDevEvent((event) => {
            if (event.type === 'content') search.changed();
          }),
        ];
        server.httpServer?.once('close', () => stops.forEach((stop) => stop()));
        if (server.httpServer?.listening) search.changed();
        else server.httpServer?.once('listening', () => search.changed());
        closePagefindOnExit();
      },
    },
  };
}

/** Pagefind's service is shared by the dev servers of this process, one after another. */
function closePagefindOnExit(): void {
  const key = Symbol.for('dispatch.dev-search.pagefind-close');
  const scope = globalThis as { [key]?: true };
  if (scope[key]) return;
  scope[key] = true;
  process.once('exit', () => void pagefind.close());
}

class DevSearch {
  readonly #server: ViteDevServer;
  readonly #logger: AstroIntegrationLogger;
  readonly #language: string;
  readonly #findNames: ReturnType<typeof nameMatcher>;
  readonly #base: string;
  readonly #glossaryJson: string;
  /** Records by article id, with the digest of the file they were made from. */
  readonly #records = new Map<string, { digest: Entry['digest']; record: SearchRecord }>();
  /** Pagefind's files by their path under `pagefind/`: the shared ones, then each part's. */
  #files = new Map<string, Uint8Array>();
  /** The parts' manifest (`search/parts.json`), as the build writes it. */
  #manifestJson = JSON.stringify({ articles: 0, parts: [] });
  readonly #partSize: number;
  /** The postings limit asked for; else the archive's size sets it, as for the build. */
  readonly #postings: number | undefined;
  /** The search vocabulary's files (`search/words/`), as the build writes them. */
  #words = new Map<string, Uint8Array>();
  /** The indexing under way, which requests for the index wait for. */
  #indexing: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  /** Settles when the first indexing ends: until then requests for the index wait. */
  readonly #firstIndex: Promise<void>;
  #firstIndexDone: () => void = () => {};

  constructor(
    server: ViteDevServer,
    logger: AstroIntegrationLogger,
    glossary: readonly GlossaryEntry[],
    language: string,
    partSize: number,
    postings: number | undefined,
  ) {
    this.#server = server;
    this.#logger = logger;
    this.#language = language;
    this.#partSize = partSize;
    this.#postings = postings;
    this.#findNames = nameMatcher(glossary);
    this.#base = server.config.base.replace(/\/?$/, '/');
    this.#glossaryJson = JSON.stringify(searchGlossary(glossary));
    this.#firstIndex = new Promise((resolve) => (this.#firstIndexDone = resolve));
  }

  /** Re-indexes once the changes stop for a moment. */
  changed(): void {
    // Changes while the content first loads: the index is made once the server listens.
    if (!this.#server.httpServer?.listening) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#start(), DEBOUNCE_MS);
  }

  #start(): void {
    if (this.#indexing) {
      this.#again = true;
      return;
    }
    this.#indexing = this.#index()
      .catch((error: unknown) => {
        this.#logger.error(`search index not updated: ${(error as Error).message ?? error}`);
      })
      .finally(() => {
        this.#indexing = undefined;
        this.#firstIndexDone();
        if (this.#again) {
          this.#again = false;
          this.#start();
        }
      });
  }

  get #origin(): string {
    const address = this.#server.httpServer?.address() as AddressInfo | null;
    if (!address) throw new Error('the dev server is not listening');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  }

  async #fetch(path: string): Promise<Response> {
    const response = await fetch(`${this.#origin}${this.#base}${path.replace(/^\//, '')}`);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${response.statusText}`);
    return response;
  }

  /** The articles as the pages see them, once they have caught up with the content loader. */
  async #pageEntries(): Promise<Entry[]> {
    const key = (entries: Entry[]) =>
      JSON.stringify(entries.map(({ id, digest }) => [id, String(digest ?? '')]).sort());
    const deadline = Date.now() + CATCH_UP_MS;
    for (;;) {
      const entries = (await (await this.#fetch(entriesRoute)).json()) as Entry[];
      if (key(entries) === key(loaderEntries()) || Date.now() > deadline) return entries;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async #index(): Promise<void> {
    const started = performance.now();
    const entries = await this.#pageEntries();
    const ids = new Set(entries.map((entry) => entry.id));
    for (const id of this.#records.keys()) if (!ids.has(id)) this.#records.delete(id);
    const stale = entries.filter((entry) => {
      const known = this.#records.get(entry.id);
      return !known || !entry.digest || known.digest !== entry.digest;
    });
    await eachLimited(stale, 4, async ({ id, digest }) => {
      const html = await (await this.#fetch(`articles/${encodeURIComponent(id)}/`)).text();
      const record = articleRecord(html, this.#findNames);
      if (record) this.#records.set(id, { digest, record });
      else this.#records.delete(id);
    });

    // In the order the build adds them (its pages' paths, sorted), then cut into the build's
    // parts, so that the index is the built one and does not depend on which article changed last.
    const builtPath = (id: string) => `articles/${id}/index.html`;
    const records = [...this.#records.entries()]
      .sort(([a], [b]) => (builtPath(a) < builtPath(b) ? -1 : 1))
      .map(([, { record }]) => record);
    const files = new Map<string, Uint8Array>();
    const { manifest, directory } = await indexParts(
      records.map(heldRecord),
      {
        language: this.#language,
        partSize: this.#partSize,
        postings: this.#postings ?? postingsFor(records.length),
        closeEach: false,
      },
      async (index, part, members, summarize) => {
        const getting = index.getFiles();
        summarize();
        const { files: written, errors } = await getting;
        if (errors.length > 0) throw new Error(errors.join('; '));
        const folder = partDir(part).slice(PAGEFIND_DIR.length + 1);
        const fragments: [string, Uint8Array][] = [];
        for (const file of written) {
          const path = file.path.replace(/\\/g, '/');
          if (path.startsWith('fragment/')) fragments.push([path.slice(9), file.content]);
          // Pagefind's code and WebAssembly once, at the top, as the build writes them.
          if (isSharedPagefindFile(path)) {
            if (part === 0) files.set(path, file.content);
          } else files.set(`${folder}${path}`, file.content);
        }
        const documents = partDocuments(fragments, members);
        files.set(`${folder}${PART_DOCUMENTS}`, Buffer.from(JSON.stringify(documents)));
        return documents;
      },
    );
    this.#words = new Map([...directory.files()].map(([name, text]) => [name, Buffer.from(text)]));
    this.#files = files;
    this.#manifestJson = JSON.stringify(manifest);
    const ms = Math.round(performance.now() - started);
    this.#logger.info(
      `search: indexed ${this.#records.size} articles (${stale.length} read again) in ${ms} ms`,
    );
  }

  /** Answers a request for the index or the search glossary; false for any other request. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === `${this.#base}search/glossary.json`) {
      send(res, '.json', this.#glossaryJson);
      return true;
    }
    if (pathname === `${this.#base}${PARTS_MANIFEST}`) {
      void (async () => {
        await (this.#indexing ?? this.#firstIndex);
        send(res, '.json', this.#manifestJson);
      })();
      return true;
    }
    const wordsDir = `${this.#base}${VOCABULARY_DIR}/`;
    if (pathname.startsWith(wordsDir)) {
      const path = decodeURIComponent(pathname.slice(wordsDir.length));
      void (async () => {
        await (this.#indexing ?? this.#firstIndex);
        const file = this.#words.get(path);
        if (file) send(res, extname(path), file);
        else res.writeHead(404, { 'cache-control': 'no-store' }).end(`No such file: ${path}`);
      })();
      return true;
    }
    if (!pathname.startsWith(`${this.#base}pagefind/`)) return false;
    const path = decodeURIComponent(pathname.slice(`${this.#base}pagefind/`.length));
    void (async () => {
      // The first index, or the one being made after a change, before an older one's files.
      await (this.#indexing ?? this.#firstIndex);
      const file = this.#files.get(path);
      if (file) send(res, extname(path), file);
      else res.writeHead(404, { 'cache-control': 'no-store' }).end(`Not in the index: ${path}`);
    })();
    return true;
  }
}

function send(res: ServerResponse, extension: string, body: string | Uint8Array): void {
  res.writeHead(200, {
    'content-type': contentTypes[extension] ?? 'application/octet-stream',
    // Pagefind's files change with every edit; the entry file's name does not.
    'cache-control': 'no-store',
  });
  res.end(body);
}

/**
 * Checks the glossary when it changes, so a mistake is shown in the browser; a valid glossary
 * restarts the dev server (`addWatchFile`), and Astro keeps the old one if it cannot start.
 */
function watchGlossary(server: ViteDevServer, file: string): () => void {
  const path = resolve(file);
  const check = async () => {
    const source = await readFile(path, 'utf8').catch(() => '');
    try {
      parseGlossary(source, file);
      clearProblem(path);
    } catch (error) {
      reportProblem({ file: path, message: (error as Error).message });
    }
  };
  const onChange = (changed: string) => {
    if (resolve(changed) === path) void check();
  };
  server.watcher.add(path);
  server.watcher.on('change', onChange);
  server.watcher.on('add', onChange);
  return () => {
    server.watcher.off('change', onChange);
    server.watcher.off('add', onChange);
  };
}

/** Sends each problem to the browser as a Vite error (Astro's overlay); reloads when all are fixed. */
function showProblemsInBrowser(server: ViteDevServer): () => void {
  const hot = server.environments['client']?.hot ?? server.hot;
  let shown = false;
  const sendProblems = () => {
    const problems = currentProblems();
    if (problems.length > 0) {
      hot.send({ type: 'error', err: overlayError(problems) });
      shown = true;
    } else if (shown) {
      shown = false;
      hot.send({ type: 'full-reload', path: '*' });
    }
  };
  // A save clears a file's problem and may report another at once: one message for both.
  let timer: NodeJS.Timeout | undefined;
  const stop = onDevEvent((event) => {
    if (event.type !== 'problems') return;
    clearTimeout(timer);
    timer = setTimeout(sendProblems, PROBLEMS_SETTLE_MS);
  });
  // A page opened (or reloaded) while a problem stands shows it as soon as it connects.
  const onConnection = () => {
    if (currentProblems().length > 0) sendProblems();
  };
  server.ws.on('connection', onConnection);
  return () => {
    stop();
    clearTimeout(timer);
    server.ws.off('connection', onConnection);
  };
}

function overlayError(problems: ContentProblem[]) {
  const [first] = problems;
  // Astro's schema error names the collection and entry; the editor looks for the file.
  const message = problems
    .map(({ file, message }) => {
      const path = relative(process.cwd(), file);
      return message.includes(file) || message.includes(path) ? message : `${path}: ${message}`;
    })
    .join('\n\n');
  const source = readSource(first!.file);
  const line = first!.line ?? (source ? fieldLine(source, first!.message) : undefined);
  return {
    // Astro's client escapes the message, then renders its **bold** (tested with hostile text).
    message,
    hint: 'Fix the file and save it: this message goes and the page reloads.',
    stack: '',
    id: first!.file,
    plugin: 'content',
    // The overlay names the file and line, with a link that opens it in the editor.
    ...(line ? { loc: { file: first!.file, line, column: first!.column ?? 1 } } : {}),
  };
}

function readSource(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The line of the first field a schema error names (`**tags.1**: ...`), in the frontmatter. */
function fieldLine(source: string, message: string): number | undefined {
  const field = /\*\*([\p{L}\p{N}_-]+)[^*]*\*\*:/u.exec(message)?.[1];
  if (!field) return undefined;
  const index = source.split(/\r?\n/).findIndex((text) => text.startsWith(`${field}:`));
  return index >= 0 ? index + 1 : undefined;
}
