/**
 * What the articles' loader learnt from each article file's bytes, kept in Astro's cache folder
 * with the file's stamp (`file-stamp.ts`): the file's digest (`generateDigest`) and what it
 * still lacks (`still-to-write.ts`). A file whose stamp is the one kept is not read: the loader
 * takes its digest from here, and when the store's entry has that digest, the entry stands.
 *
 * It is only ever a shortcut to what reading would give. Kept by other code (another Astro, whose
 * digests differ, or other loader code) or unreadable, it is dropped whole, and every file is
 * read. It holds only the files of the last load: a deleted or renamed file leaves nothing.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installedVersion } from '../lib/installed-version';
import { sourcesDigest } from '../markdown/local-sources';

export interface ArticleStamp {
  /** The file's stamp (`stampOf`) when it was read. */
  stamp: string;
  /** `generateDigest` of its text. */
  digest: string;
  /** What the file still lacks, if it is marked still to write (`stillToWrite`). */
  stillToWrite?: string[] | undefined;
}

interface StoredStamps {
  code: string;
  files: Record<string, ArticleStamp>;
}

export const STAMPS_FILE = 'article-stamps.json';

/**
 * A digest of what the kept facts depend on: the loader's code (followed import by import, so
 * `still-to-write.ts` and the frontmatter parser too) and Astro's version (its digest function).
 * `undefined` when Astro's version cannot be read: nothing is then kept.
 */
export function stampsCodeDigest(root: URL): string | undefined {
  const astro = installedVersion(root, 'astro');
  if (!astro) return undefined;
  const loader = fileURLToPath(new URL('./loader.ts', import.meta.url));
  return sourcesDigest([loader], fileURLToPath(new URL('../', import.meta.url)), [
    `astro ${astro}`,
  ]);
}

export class ArticleStamps {
  readonly #file: string;
  readonly #code: string;
  readonly #known: Map<string, ArticleStamp>;
  readonly #kept = new Map<string, ArticleStamp>();

  private constructor(file: string, code: string, known: Map<string, ArticleStamp>) {
    this.#file = file;
    this.#code = code;
    this.#known = known;
  }

  /** The stamps kept in `cacheDir` by a load that ran `code` (`stampsCodeDigest`); else none. */
  static async open(cacheDir: string, code: string): Promise<ArticleStamps> {
    const file = join(cacheDir, STAMPS_FILE);
    let known = new Map<string, ArticleStamp>();
    try {
      const stored = JSON.parse(await readFile(file, 'utf8')) as StoredStamps;
      if (stored.code === code) known = new Map(Object.entries(stored.files));
    } catch {
      // None yet, or unreadable: every file is read.
    }
    return new ArticleStamps(file, code, known);
  }

  /** What was kept for `path` when its stamp was `stamp`, if it still is. */
  known(path: string, stamp: string): ArticleStamp | undefined {
    const known = this.#known.get(path);
    return known?.stamp === stamp ? known : undefined;
  }

  /** Keeps `facts` for `path` for the next load. */
  keep(path: string, facts: ArticleStamp): void {
    this.#kept.set(path, facts);
  }

  /** Forgets `path` (its file is to be read next time). */
  forget(path: string): void {
    this.#kept.delete(path);
  }

  /** Writes what this load kept, in place of the last one's, whole or not at all. */
  async write(): Promise<void> {
    await mkdir(dirname(this.#file), { recursive: true });
    const stored: StoredStamps = { code: this.#code, files: Object.fromEntries(this.#kept) };
    const temporary = `${this.#file}.${randomUUID()}.tmp`;
    try {
      await writeFile(temporary, JSON.stringify(stored));
      await rename(temporary, this.#file);
    } finally {
      await rm(temporary, { force: true });
    }
  }
}
