import { gunzipSync } from 'node:zlib';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import type { GlossaryEntry } from '../content/glossary';
import { installedVersion } from '../lib/installed-version';
import { nameMatcher } from '../lib/names';
import { DirectoryBuilder, POSTINGS_DIR } from '../lib/search-directory';
import { wordCount } from '../lib/search-outline';
import {
  PAGEFIND_DIR,
  PART_DOCUMENTS,
  PARTS_MANIFEST,
  publishedDay,
  compareForParts,
  cutIntoParts,
  isSharedPagefindFile,
  keptPostings,
  parsePartSize,
  parseFragment,
  parsePostings,
  partDir,
  postingsFor,
  type PartDocuments,
  type PartEntry,
  type PartsManifest,
} from '../lib/search-parts';
import { VOCABULARY_DIR } from '../lib/search-words';
import { digestOf, knownDigest, readDigested } from './built-files';
import { SearchCache, partCodeDigest, recordCodeDigest, type PartSummary } from './search-cache';
import { articleRecord, recordTerms, type SearchRecord } from './search-records';

export interface Options {
  glossary: readonly GlossaryEntry[];
  /** The one language of the index: every article is searchable from every page. */
  language: string;
  /** Articles per part of the index; else `SEARCH_PART_SIZE` from the environment, else the default. */
  partSize?: number | undefined;
  /**
   * The most articles a term may be held by and have its postings in the word directory; else
   * `SEARCH_POSTINGS` from the environment, else the archive's size sets it (`postingsFor`).
   * 0: none.
   */
  postings?: number | undefined;
}

/** The site's HTML pages, relative to `distDir` and sorted: the order they are indexed in. */
async function builtPages(distDir: string): Promise<string[]> {
  return (await readdir(distDir, { recursive: true, encoding: 'utf8' }))
    .filter((file) => file.endsWith('.html'))
    .map((file) => file.split(sep).join('/'))
    .sort();
}

/** How many built pages a walk over them read, and how many of those it parsed into records. */
export interface PagesTaken {
  read: number;
  parsed: number;
}

/** A built article page, as the index is cut by it: where it is, its address and date. */
interface ArticlePage {
  /** Its path in dist/. */
  page: string;
  url: string;
  published: string;
  /** Its record's key in the search cache, if there is one. */
  key: string | undefined;
  /** Its record, when it was at hand (parsed, or read from the cache). */
  record: SearchRecord | undefined;
}

/**
 * Reads every built page in a stable order, handing each article page to `onPage` (awaited).
 * Each page is read while the one before is handled. Without a `cache`, every page is parsed.
 * With one, a page whose HTML the cache has seen is not parsed, and its record is not even read
 * when the cache's record index sums it up (its address and date: all the cut into parts
 * needs); the others are parsed and kept there. Returns how many pages were read and parsed.
 *
 * A page whose digest is known unread (`built-files.ts`: the last build's, for a page left in
 * place by `kept-output.ts`) and whose summary is in the record index is not read at all. The
 * digests of the pages read are left for the link check, which then need not read them again.
 */
async function forEachArticlePage(
  distDir: string,
  findNames: ReturnType<typeof nameMatcher>,
  onPage: (page: ArticlePage) => void | Promise<void>,
  cache?: SearchCache,
): Promise<PagesTaken> {
  const pages = await builtPages(distDir);
  await cache?.openRecordIndex();
  const readPage = async (
    i: number,
  ): Promise<{ html: string | undefined; key: string | undefined }> => {
    const file = join(distDir, pages[i]!);
    if (!cache) return { html: await readFile(file, 'utf8'), key: undefined };
    const known = await knownDigest(file);
    if (known !== undefined && cache.summary(cache.recordKey(known)) !== undefined) {
      return { html: undefined, key: cache.recordKey(known) };
    }
    const { bytes, digest } = await readDigested(file);
    read++;
    return { html: bytes.toString('utf8'), key: cache.recordKey(digest) };
  };
  let read = 0;
  let next = pages.length > 0 ? readPage(0) : undefined;
  let parsed = 0;
  try {
    for (let i = 0; i < pages.length; i++) {
      const page = pages[i]!;
      const { html, key } = await next!;
      next = i + 1 < pages.length ? readPage(i + 1) : undefined;
      let summary = key === undefined ? undefined : cache!.summary(key);
      let record: SearchRecord | null | undefined;
      if (summary === undefined) {
        record = key === undefined ? undefined : await cache!.record(key);
        if (record === undefined) {
          record = articleRecord(html ?? (await readFile(join(distDir, page), 'utf8')), findNames);
          record ??= null;
          parsed++;
          if (key !== undefined) await cache!.saveRecord(key, record);
        }
        summary = record && publishedOf(record);
        if (key !== undefined) cache!.keepSummary(key, summary);
      }
      if (summary) await onPage({ page, ...summary, key, record: record ?? undefined });
    }
  } finally {
    // A page that fails to parse fails the build: the read begun after it must not fail unseen.
    next?.catch(() => {});
  }
  await cache?.writeRecordIndex();
  return { parsed, read: cache ? read : pages.length };
}

/**
 * An article page's record: the one at hand, else the cache's. One the cache lost (its file
 * removed by hand) is made again from the page, which must still be the page the key is of.
 */
async function recordOf(
  distDir: string,
  findNames: ReturnType<typeof nameMatcher>,
  { page, key, record }: ArticlePage,
  cache?: SearchCache,
): Promise<SearchRecord> {
  if (record) return record;
  const kept = key === undefined ? undefined : await cache?.record(key);
  if (kept) return kept;
  const bytes = await readFile(join(distDir, page));
  if (key !== undefined && cache?.recordKey(digestOf(bytes)) !== key) {
    throw new Error(`The search cache lost the record of dist/${page}, which changed meanwhile`);
  }
  const made = articleRecord(bytes.toString('utf8'), findNames);
  if (!made) throw new Error(`dist/${page} was an article page, and is no longer one`);
  if (key !== undefined) await cache?.saveRecord(key, made);
  return made;
}

/**
 * Reads every built article page into its record and hands it to `onRecord` (with its cache key),
 * in a stable order (see `forEachArticlePage` for `cache`). Returns how many pages were read and parsed.
 */
export async function forEachRecord(
  distDir: string,
  glossary: readonly GlossaryEntry[],
  onRecord: (record: SearchRecord, key: string | undefined) => void,
  cache?: SearchCache,
): Promise<PagesTaken> {
  const findNames = nameMatcher(glossary);
  return forEachArticlePage(
    distDir,
    findNames,
    async (page) => onRecord(await recordOf(distDir, findNames, page, cache), page.key),
    cache,
  );
}

/** Every built article page's record, in a stable order (see `forEachRecord` for `cache`). */
export async function collectRecords(
  distDir: string,
  glossary: readonly GlossaryEntry[],
  cache?: SearchCache,
): Promise<{ records: SearchRecord[] } & PagesTaken> {
  const records: SearchRecord[] = [];
  const taken = await forEachRecord(distDir, glossary, (record) => records.push(record), cache);
  return { records, ...taken };
}

const publishedOf = (record: SearchRecord) => ({
  published: record.sort['published'] ?? '',
  url: record.url,
});

/**
 * One article's record as the index is cut by it (its address and date), loaded when its part
 * is indexed: from the cache's file when there is a cache, so that the build holds one part's
 * records at a time, not the archive's.
 */
export interface RecordRef {
  url: string;
  published: string;
  /** Its key in the search cache, which stands for it (see `SearchCache.recordKey`). */
  key?: string | undefined;
  load(): Promise<SearchRecord>;
}

/** A record held in memory, as a `RecordRef`. */
export function heldRecord(record: SearchRecord): RecordRef {
  return { ...publishedOf(record), load: async () => record };
}

/**
 * Every built article page's `RecordRef`, in a stable order, and how many pages were read and parsed
 * (see `forEachArticlePage` for `cache`). With a cache, no record is read until its part is
 * indexed: a part copied from the cache costs none of its records.
 */
export async function collectRecordRefs(
  distDir: string,
  glossary: readonly GlossaryEntry[],
  cache?: SearchCache,
): Promise<{ records: RecordRef[] } & PagesTaken> {
  const findNames = nameMatcher(glossary);
  const records: RecordRef[] = [];
  const taken = await forEachArticlePage(
    distDir,
    findNames,
    (page) => {
      if (!cache || page.key === undefined) {
        records.push(heldRecord(page.record!));
        return;
      }
      // What `load` keeps is where the page is, not its record: a closure over `page` kept
      // every record of the archive in memory until the index was written.
      const where: ArticlePage = { ...page, record: undefined };
      records.push({
        url: page.url,
        published: page.published,
        key: page.key,
        load: () => recordOf(distDir, findNames, where, cache),
      });
    },
    cache,
  );
  return { records, ...taken };
}

function fail(step: string, errors: string[]): never {
  throw new Error(`Search indexing failed while ${step}:\n  ${errors.join('\n  ')}`);
}

/** Starts Pagefind's service with an empty index. `$` is kept in words: `$150` is not `150`. */
export async function startIndex(language: string): Promise<pagefind.PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({
    includeCharacters: '$',
    forceLanguage: language,
  });
  if (!index || errors.length > 0) fail('starting Pagefind', errors);
  return index;
}

/**
 * Adds records to a Pagefind index. Records are sent without waiting for Pagefind to index each:
 * its service takes messages one at a time in the order they were written, so the index is byte
 * for byte the one that awaiting each add gives, without a round trip per record.
 */
export async function addRecordList(
  index: pagefind.PagefindIndex,
  records: readonly SearchRecord[],
  language: string,
): Promise<void> {
  const sent = records.map((record) => ({
    url: record.url,
    added: index.addCustomRecord({ ...record, language }),
  }));
  // One failure fails the build; the others must not reject unseen.
  for (const { added } of sent) added.catch(() => {});
  for (const { url, added } of sent) {
    const { errors } = await added;
    if (errors.length > 0) fail(`adding ${url}`, errors);
  }
}

/**
 * Adds every built article page's record to one Pagefind index, as the pages are parsed; returns
 * how many. (The one-index path, kept for measuring it against the parts: tests/bench.)
 */
export async function addRecords(
  index: pagefind.PagefindIndex,
  distDir: string,
  { glossary, language }: Options,
): Promise<number> {
  const sent: { url: string; added: Promise<pagefind.NewFileResponse> }[] = [];
  try {
    await forEachRecord(distDir, glossary, (record) => {
      sent.push({ url: record.url, added: index.addCustomRecord({ ...record, language }) });
    });
  } finally {
    // A page that fails to parse fails the build; what was sent before it must not reject unseen.
    for (const { added } of sent) added.catch(() => {});
  }
  for (const { url, added } of sent) {
    const { errors } = await added;
    if (errors.length > 0) fail(`adding ${url}`, errors);
  }
  return sent.length;
}

/**
 * The address in one of Pagefind's fragment files, as written (gzip): see `parseFragment`.
 */
export function fragmentUrl(file: Uint8Array): string {
  return parseFragment(gunzipSync(file).toString('utf8')).url;
}

/**
 * A part's `PART_DOCUMENTS`, from the fragment files Pagefind wrote for it (name, bytes): each
 * article by Pagefind's id, with its day of publication and its words. In publication order.
 */
export function partDocuments(
  fragments: Iterable<[name: string, file: Uint8Array]>,
  members: readonly SearchRecord[],
): PartDocuments {
  const ids = new Map<string, string>();
  for (const [name, file] of fragments) {
    if (name.endsWith('.pf_fragment'))
      ids.set(fragmentUrl(file), name.replace(/\.pf_fragment$/, ''));
  }
  const documents: PartDocuments = { ids: [], days: [], words: [] };
  for (const record of members) {
    const id = ids.get(record.url);
    if (id === undefined)
      fail('writing the index', [`Pagefind wrote no fragment for ${record.url}`]);
    documents.ids.push(id);
    documents.days.push(publishedDay(record.sort['published'] ?? ''));
    documents.words.push(wordCount(record.content));
  }
  return documents;
}

/**
 * What a part's records give the word directory and the manifest (see `PartSummary`): with the
 * postings of each term held by at most `postings` of them.
 */
export function summarizePart(members: readonly SearchRecord[], postings = 0): PartSummary {
  const terms = new Map<string, [article: number, occurrences: number][]>();
  let words = 0;
  members.forEach((record, article) => {
    words += wordCount(record.content);
    for (const [term, occurrences] of recordTerms(record)) {
      const held = terms.get(term);
      if (held) held.push([article, occurrences]);
      else terms.set(term, [[article, occurrences]]);
    }
  });
  return {
    words,
    postings,
    terms: [...terms].map(([term, held]) =>
      held.length <= postings ? [term, held.length, held] : [term, held.length],
    ),
  };
}

/**
 * Cuts the records into parts (see `search-parts.ts`) and indexes each by its own Pagefind
 * index, one after another, handing each to `onPart` (to write or read its files) before it is
 * deleted. `onPart` calls `summarize` once it has asked Pagefind for the part's files: Pagefind
 * writes them in its own process, so Node counts the part's terms on the other core meanwhile.
 * A part's summary keeps postings beyond `postings`, to `keptPostings` of it, so that a summary
 * kept in a cache still serves once the limit has grown a step (`postingsFor`).
 * With `closeEach`, Pagefind's process is also ended after each part, so that what it
 * held is given back to the system before the next part: indexing needs the memory of one part,
 * not of the archive. Returns the manifest, newest part first, and the word directory of every
 * part. An archive with no article still gets one (empty) part, so that Pagefind's code and a
 * searchable index exist.
 */
export async function indexParts(
  records: readonly RecordRef[],
  {
    language,
    partSize,
    postings,
    closeEach,
  }: { language: string; partSize: number; postings: number; closeEach: boolean },
  /**
   * Writes or reads a part's files; returns its articles by Pagefind's id (`partDocuments`).
   * `summarize` gives what the part's records give the directory (`summarizePart`).
   */
  onPart: (
    index: pagefind.PagefindIndex,
    part: number,
    members: SearchRecord[],
    summarize: () => PartSummary,
    refs: readonly RecordRef[],
  ) => Promise<PartDocuments>,
  /**
   * A part this gives a summary for is not indexed, nor are its records read: its files came
   * from elsewhere (a cache), with what its records gave the directory.
   */
  reuse: (
    part: number,
    refs: readonly RecordRef[],
  ) => Promise<PartSummary | undefined> = async () => undefined,
): Promise<{ manifest: PartsManifest; directory: DirectoryBuilder }> {
  const ordered = [...records].sort(compareForParts);
  const parts = ordered.length > 0 ? cutIntoParts(ordered, partSize) : [[]];
  const entries: PartEntry[] = [];
  const directory = new DirectoryBuilder(postings);
  let words = 0;
  for (const [part, refs] of parts.entries()) {
    let summary = await reuse(part, refs);
    // A summary kept for a lower postings limit lacks postings.
    if (summary && (summary.postings < postings || !summary.documents)) summary = undefined;
    if (!summary) {
      // One part's records in memory at a time.
      const members = await Promise.all(refs.map((ref) => ref.load()));
      let counted: PartSummary | undefined;
      const summarize = () => (counted ??= summarizePart(members, keptPostings(postings)));
      const index = await startIndex(language);
      try {
        await addRecordList(index, members, language);
        const documents = await onPart(index, part, members, summarize, refs);
        summary = { ...summarize(), documents };
      } finally {
        await index.deleteIndex();
        if (closeEach) await pagefind.close();
      }
    }
    directory.addPart(part, summary.terms, summary.documents);
    words += summary.words;
    entries.push({
      dir: partDir(part),
      place: part,
      articles: refs.length,
      oldest: refs[0]?.published ?? '',
      newest: refs.at(-1)?.published ?? '',
    });
  }
  const manifest: PartsManifest = {
    articles: ordered.length,
    averageWords: ordered.length > 0 ? words / ordered.length : 0,
    postings,
    parts: entries.reverse(),
  };
  return { manifest, directory };
}

/** A part's key in the cache, from its records' keys; none if a record has no key. */
function partKeyOf(
  cache: SearchCache,
  refs: readonly RecordRef[],
  language: string,
): string | undefined {
  const keys = refs.map((ref) => ref.key);
  return keys.every((key) => key !== undefined)
    ? cache.partKey(keys as string[], language)
    : undefined;
}

/**
 * Writes the index in parts under `distDir` (`indexParts`): each part's own files in its folder,
 * Pagefind's shared files (code, WebAssembly) once in `PAGEFIND_DIR`, and the manifest. With a
 * `cache`, a part whose records are unchanged is copied from it instead of indexed again, and
 * each part indexed is kept there for the next build. A copied part whose summary was kept for a
 * lower postings limit has its terms counted again from its records (`recounted`): Pagefind's
 * files do not depend on the limit, so it is not indexed again.
 */
export async function writeParts(
  distDir: string,
  records: readonly RecordRef[],
  options: { language: string; partSize: number; postings: number },
  cache?: SearchCache,
): Promise<{
  manifest: PartsManifest;
  directory: DirectoryBuilder;
  reused: number;
  recounted: number;
}> {
  const root = join(distDir, PAGEFIND_DIR);
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  let shared = false;
  let reused = 0;
  let recounted = 0;
  const { manifest, directory } = await indexParts(
    records,
    { ...options, closeEach: true },
    async (index, part, members, summarize, refs) => {
      const dir = join(distDir, ...partDir(part).split('/'));
      const writing = index.writeFiles({ outputPath: dir });
      const summary = summarize();
      const written = await writing;
      if (written.errors.length > 0) fail(`writing part ${part} of the index`, written.errors);
      const sharedFiles: string[] = [];
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        if (entry.isFile() && isSharedPagefindFile(entry.name)) sharedFiles.push(entry.name);
      }
      // Kept with its shared files, which every part writes alike.
      const stash = join(dirname(dir), `.shared-${part}`);
      await mkdir(stash, { recursive: true });
      for (const name of sharedFiles) await rename(join(dir, name), join(stash, name));
      // The part's own file beside Pagefind's, written once Pagefind's shared files are out.
      const fragmentDir = join(dir, 'fragment');
      const fragments: [string, Uint8Array][] = [];
      for (const name of members.length > 0 ? await readdir(fragmentDir) : [])
        fragments.push([name, await readFile(join(fragmentDir, name))]);
      const documents = partDocuments(fragments, members);
      await writeFile(join(dir, PART_DOCUMENTS), JSON.stringify(documents));
      const key = cache && partKeyOf(cache, refs, options.language);
      if (key) await cache!.savePart(key, dir, stash, sharedFiles, { ...summary, documents });
      for (const name of sharedFiles) {
        if (shared) await rm(join(stash, name));
        else await rename(join(stash, name), join(root, name));
      }
      await rm(stash, { recursive: true, force: true });
      shared = true;
      return documents;
    },
    async (part, refs) => {
      const key = cache && partKeyOf(cache, refs, options.language);
      if (!cache || !key || !cache.hasPart(key)) return undefined;
      let summary = await cache.partSummary(key);
      if (!summary?.documents) return undefined;
      await cache.restorePart(
        key,
        join(distDir, ...partDir(part).split('/')),
        shared ? undefined : root,
      );
      shared = true;
      reused++;
      if (summary.postings < options.postings) {
        const members = await Promise.all(refs.map((ref) => ref.load()));
        const { documents } = summary;
        summary = { ...summarizePart(members, keptPostings(options.postings)), documents };
        await cache.keepPartSummary(key, summary);
        recounted++;
      }
      return summary;
    },
  );
  await mkdir(dirname(join(distDir, PARTS_MANIFEST)), { recursive: true });
  await writeFile(join(distDir, PARTS_MANIFEST), JSON.stringify(manifest));
  return { manifest, directory, reused, recounted };
}

/** What `search/glossary.json` holds: the spellings the search page expands queries with. */
export function searchGlossary(glossary: readonly GlossaryEntry[]) {
  return glossary.map(({ id, name, kind, spellings }) => ({ id, name, kind, spellings }));
}

/**
 * Writes the word directory (`search-directory.ts`) under `distDir`, as the vocabulary's files
 * (`VOCABULARY_DIR`); returns the bytes of the directory's own files and of the postings'.
 */
export async function writeDirectory(
  distDir: string,
  directory: DirectoryBuilder,
): Promise<{ terms: number; postings: number }> {
  const dir = join(distDir, ...VOCABULARY_DIR.split('/'));
  await mkdir(join(dir, POSTINGS_DIR), { recursive: true });
  const bytes = { terms: 0, postings: 0 };
  for (const [name, text] of directory.files()) {
    bytes[name.startsWith(`${POSTINGS_DIR}/`) ? 'postings' : 'terms'] += Buffer.byteLength(text);
    await writeFile(join(dir, name), text);
  }
  return bytes;
}

/**
 * Builds the search index in `astro:build:done`, with Pagefind's Node API, in parts of
 * `partSize` articles (the option, else `SEARCH_PART_SIZE`, else `DEFAULT_PART_SIZE`), the
 * directory with the postings of terms held by at most `postings` articles (the option, else
 * `SEARCH_POSTINGS`, else `postingsFor` the archive's size): one
 * record per article, laid out so the search page can name the passage of every match (see
 * `search-records.ts`). Any error fails the build.
 * Also writes `search/glossary.json`, the spellings the search page expands queries with, and
 * the word directory of the whole archive (`writeDirectory`).
 */
export default function searchIndex({
  glossary,
  language,
  partSize,
  postings,
}: Options): AstroIntegration {
  let cacheDir = '';
  let pagefindVersion = '';
  return {
    name: 'search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = join(fileURLToPath(config.cacheDir), 'search-index');
        // Pagefind's version unknown: its files could change unseen, so nothing is kept.
        pagefindVersion = installedVersion(config.root, 'pagefind') ?? '';
      },
      'astro:build:done': async ({ dir, logger }) => {
        const distDir = fileURLToPath(dir);
        const size = partSize ?? parsePartSize(process.env['SEARCH_PART_SIZE']);
        const asked = postings ?? parsePostings(process.env['SEARCH_POSTINGS']);
        const cache = pagefindVersion
          ? new SearchCache(
              cacheDir,
              recordCodeDigest({ glossary, language }),
              `${pagefindVersion} ${partCodeDigest()}`,
            )
          : undefined;
        const { records, parsed, read } = await collectRecordRefs(distDir, glossary, cache);
        const posted = asked ?? postingsFor(records.length);
        const { manifest, directory, reused, recounted } = await writeParts(
          distDir,
          records,
          { language, partSize: size, postings: posted },
          cache,
        );
        await cache?.prune();
        await mkdir(join(distDir, 'search'), { recursive: true });
        await writeFile(
          join(distDir, 'search', 'glossary.json'),
          JSON.stringify(searchGlossary(glossary)),
        );
        const bytes = await writeDirectory(distDir, directory);
        const kept = cache
          ? ` (${read} pages read, ${parsed} parsed, ${reused} parts copied from the last build${recounted > 0 ? `, ${recounted} of them counted again for the postings limit` : ''})`
          : '';
        logger.info(
          `indexed ${manifest.articles} articles in ${manifest.parts.length} parts of up to ${size}${kept}; word directory of ${directory.size} terms (${Math.round(bytes.terms / 1024)} KB), postings of the ${directory.posted} held by at most ${posted} articles (${Math.round(bytes.postings / 1024)} KB)`,
        );
      },
    },
  };
}
