/**
 * What the search index keeps from one build to the next, in Astro's cache folder:
 *
 * - each built page's record (or that it has none), by a digest of the page's bytes and of what
 *   makes records from it (the code `search-records.ts` runs, followed import by import, and the
 *   glossary), so a publish parses only the pages that changed;
 * - the record index (`record-index.json`): each record's address and date by its key, which is
 *   all the cut into parts needs, so a publish reads no record of a part it copies;
 * - each part's Pagefind files, by a digest of the part's records in order, the language,
 *   Pagefind's version and the code that writes parts, so only the parts whose articles changed are indexed again (a new
 *   article: the newest part) and the others are copied.
 *
 * Pagefind writes the same files for the same records, so the index is the one a cold build
 * writes, byte for byte (tests/build/warm-build.test.ts). Entries this build did not use are
 * removed at its end: the cache holds one archive, not every archive it ever saw.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  copyFile,
  cp,
  link,
  mkdir,
  readFile,
  readdir,
  rename,
  rm,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourcesDigest } from '../markdown/local-sources';
import type { PartTerm } from '../lib/search-directory';
import type { PartDocuments } from '../lib/search-parts';
import { eachLimited } from './each-limited';
import type { SearchRecord } from './search-records';

/**
 * What a part's records give the word directory and the manifest: their words in all, each term
 * with how many of the part's articles hold it (and, for those held by at most `postings`, which
 * ones: see `PartTerm`), and its articles as the postings name them. A summary serves any postings
 * limit up to its own `postings`. Kept with the part, so a
 * part copied from the cache needs none of its records.
 */
export interface PartSummary {
  words: number;
  /** The most articles of the part a term may be held by and still have its postings here. */
  postings: number;
  terms: PartTerm[];
  documents?: PartDocuments | undefined;
}

/** What the cut into parts needs of a page's record: its address and date; `null`: no record. */
export type RecordSummary = { url: string; published: string } | null;

const RECORD_INDEX = 'record-index.json';

const sha256 = (...parts: string[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
};

/** A digest of the code that turns a built page into its record, and of what it is given. */
export function recordCodeDigest(context: unknown): string {
  const records = fileURLToPath(new URL('./search-records.ts', import.meta.url));
  return sourcesDigest([records], fileURLToPath(new URL('../', import.meta.url)), [
    JSON.stringify(context),
  ]);
}

/**
 * A digest of the code that writes a part's files (Pagefind's, and the part's own
 * `documents.json`): a part kept by an older build's code is not reused.
 */
export function partCodeDigest(): string {
  const writer = fileURLToPath(new URL('./search-index.ts', import.meta.url));
  return sourcesDigest([writer], fileURLToPath(new URL('../', import.meta.url)), []);
}

export class SearchCache {
  readonly #records: string;
  readonly #parts: string;
  readonly #codeDigest: string;
  readonly #pagefindVersion: string;
  readonly #usedRecords = new Set<string>();
  readonly #usedParts = new Set<string>();
  readonly #dir: string;
  /** The last build's record index (`openRecordIndex`), and this build's. */
  #knownSummaries = new Map<string, RecordSummary>();
  readonly #summaries = new Map<string, RecordSummary>();

  /**
   * `dir`: the cache's folder; `codeDigest`: `recordCodeDigest`; `pagefindVersion`: the
   * installed Pagefind's version (its files change with it), with `partCodeDigest`.
   */
  constructor(dir: string, codeDigest: string, pagefindVersion: string) {
    this.#dir = dir;
    this.#records = join(dir, 'records');
    this.#parts = join(dir, 'parts');
    this.#codeDigest = codeDigest;
    this.#pagefindVersion = pagefindVersion;
  }

  #recordFile(key: string): string {
    return join(this.#records, key.slice(0, 2), `${key}.json`);
  }

  /** The key of a page's record: its HTML (`pageDigest`: `digestOf` its bytes) and the record code. */
  recordKey(pageDigest: string): string {
    return sha256(this.#codeDigest, pageDigest);
  }

  /** The cached record of a page: a record, `null` for a page with none, `undefined` if unknown. */
  async record(key: string): Promise<SearchRecord | null | undefined> {
    this.#usedRecords.add(key);
    try {
      return JSON.parse(await readFile(this.#recordFile(key), 'utf8')) as SearchRecord | null;
    } catch {
      return undefined;
    }
  }

  /**
   * Reads the last build's record index. Unreadable, it is taken as empty: every record is then
   * read. (Its keys are records' keys, which stand for the record code too: see `recordKey`.)
   */
  async openRecordIndex(): Promise<void> {
    try {
      const stored = JSON.parse(await readFile(join(this.#dir, RECORD_INDEX), 'utf8')) as Record<
        string,
        RecordSummary
      >;
      this.#knownSummaries = new Map(Object.entries(stored));
    } catch {
      // None yet, or unreadable.
    }
  }

  /**
   * What the record under `key` gives the cut into parts, if the record index has it
   * (`undefined` if not); marks the record as used by this build, and keeps it in the index.
   */
  summary(key: string): RecordSummary | undefined {
    const summary = this.#summaries.get(key) ?? this.#knownSummaries.get(key);
    if (summary === undefined) return undefined;
    this.#usedRecords.add(key);
    this.#summaries.set(key, summary);
    return summary;
  }

  /** Notes in this build's record index what the record under `key` gives the cut into parts. */
  keepSummary(key: string, summary: RecordSummary): void {
    this.#summaries.set(key, summary);
  }

  /**
   * Writes this build's record index (the records it used) in place of the last one's, whole
   * or not at all.
   */
  async writeRecordIndex(): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    await writeWhole(
      join(this.#dir, RECORD_INDEX),
      JSON.stringify(Object.fromEntries(this.#summaries)),
    );
  }

  async saveRecord(key: string, record: SearchRecord | null): Promise<void> {
    this.#usedRecords.add(key);
    const file = this.#recordFile(key);
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, JSON.stringify(record));
  }

  /**
   * The key of a part: its records' keys in order (each stands for its record: see
   * `recordKey`), the language, Pagefind's version and the part code's digest.
   */
  partKey(recordKeys: readonly string[], language: string): string {
    return sha256(this.#pagefindVersion, language, ...recordKeys);
  }

  /** The folder of a part's cached files (Pagefind's shared files under `shared/`). */
  partDir(key: string): string {
    return join(this.#parts, key);
  }

  /** Whether a part's files are cached; marks it as used by this build either way. */
  hasPart(key: string): boolean {
    this.#usedParts.add(key);
    return existsSync(join(this.partDir(key), 'complete'));
  }

  /** Keeps a part's files (`from`: the part's folder, `shared`: Pagefind's shared files). */
  async savePart(
    key: string,
    from: string,
    sharedFrom: string,
    shared: string[],
    summary?: PartSummary,
  ): Promise<void> {
    this.#usedParts.add(key);
    const dir = this.partDir(key);
    await rm(dir, { recursive: true, force: true });
    await linkTree(from, join(dir, 'files'));
    await mkdir(join(dir, 'shared'), { recursive: true });
    for (const name of shared) await cp(join(sharedFrom, name), join(dir, 'shared', name));
    if (summary) await writeFile(join(dir, 'summary.json'), JSON.stringify(summary));
    await writeFile(join(dir, 'complete'), '');
  }

  /** What a cached part's records gave the word directory, if it was kept. */
  async partSummary(key: string): Promise<PartSummary | undefined> {
    try {
      return JSON.parse(
        await readFile(join(this.partDir(key), 'summary.json'), 'utf8'),
      ) as PartSummary;
    } catch {
      return undefined;
    }
  }

  /** Replaces a cached part's summary (`PartSummary`), counted again from its records. */
  async keepPartSummary(key: string, summary: PartSummary): Promise<void> {
    await writeWhole(join(this.partDir(key), 'summary.json'), JSON.stringify(summary));
  }

  /** Copies a cached part's files into `to`, and Pagefind's shared files into `sharedTo`. */
  async restorePart(key: string, to: string, sharedTo?: string): Promise<void> {
    const dir = this.partDir(key);
    await linkTree(join(dir, 'files'), to);
    if (sharedTo) await cp(join(dir, 'shared'), sharedTo, { recursive: true });
  }

  /** Removes what this build did not use. */
  async prune(): Promise<void> {
    for (const [dir, used, name] of [
      [this.#records, this.#usedRecords, (file: string) => file.replace(/\.json$/, '')],
      [this.#parts, this.#usedParts, (file: string) => file],
    ] as const) {
      if (!existsSync(dir)) continue;
      for (const entry of await readdir(dir, { recursive: dir === this.#records })) {
        const file = String(entry);
        if (dir === this.#records && !file.endsWith('.json')) continue;
        const key = name(file.split(/[\\/]/).at(-1)!);
        if (!used.has(key)) await rm(join(dir, file), { recursive: true, force: true });
      }
    }
  }
}

/** Writes `text` into `file` whole or not at all: into a file beside it, then renamed over it. */
async function writeWhole(file: string, text: string): Promise<void> {
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * Puts every file under `from` at the same place under `to`, as a hard link (a copy where links
 * are refused, across file systems say). A part's files are never written again in place: the
 * index writes a new part into an emptied folder, and the cache replaces a part's folder whole.
 * So a link costs no bytes and no reading, for the 20 or so parts (thousands of files each) that a
 * publish copies from the cache.
 */
async function linkTree(from: string, to: string): Promise<void> {
  const files = (await readdir(from, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(from, join(entry.parentPath, entry.name)));
  for (const folder of new Set(files.map((file) => dirname(join(to, file))))) {
    await mkdir(folder, { recursive: true });
  }
  await eachLimited(files, 64, async (file) => {
    await link(join(from, file), join(to, file)).catch(() =>
      copyFile(join(from, file), join(to, file)),
    );
  });
}
