/**
 * The link check's scans (`link-scan.ts`) kept from one build to the next, in Astro's cache
 * folder: each built file's ids and links, by a digest of the file's bytes, of whether it was
 * read as HTML or XML, and of the scanning code (`link-scan.ts`, followed import by import, and
 * the version of its parser). A publish so parses only the files that changed; the check that
 * every link resolves still runs over every file's scan, so a page that lost its target is
 * caught though its own bytes did not change.
 *
 * All scans are one file, a line each (`key<TAB>json`): a file per scan cost a build one
 * write and a warm build one read per page, which at archive size cost more than parsing.
 * It is read line by line and written through a stream, so its size is bounded by memory, not by
 * the longest string V8 makes. It is written whole or not at all (to a temporary name, then
 * renamed), and holds only the scans the last build used: one site, not every site it saw.
 */
import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { installedVersion } from '../lib/installed-version';
import { sourcesDigest } from '../markdown/local-sources';
import type { PageScan } from './link-scan';

/** How a file is read: `scanPage` or `scanXml`. */
export type ScanKind = 'html' | 'xml';

/**
 * A digest of the code that scans a file: `link-scan.ts` and what it imports, and the installed
 * htmlparser2's version (from the project at `root`). `undefined` when that version cannot be
 * read: a parser that changed unseen could make stale scans, so nothing is then kept.
 */
export function scanCodeDigest(root: URL): string | undefined {
  const parser = installedVersion(root, 'htmlparser2');
  if (!parser) return undefined;
  const scanner = fileURLToPath(new URL('./link-scan.ts', import.meta.url));
  return sourcesDigest([scanner], fileURLToPath(new URL('../', import.meta.url)), [
    `htmlparser2 ${parser}`,
  ]);
}

/** A scan as JSON holds it. */
interface StoredScan {
  ids: string[];
  duplicateIds: string[];
  links: string[];
}

const PACK = 'scans.tsv';

export class LinkScanCache {
  readonly #dir: string;
  readonly #codeDigest: string;
  /** Lines of the last build's pack, by key. */
  readonly #stored: Map<string, string>;
  /** Lines this build used or made, by key: the next pack. */
  readonly #used = new Map<string, string>();

  private constructor(dir: string, codeDigest: string, stored: Map<string, string>) {
    this.#dir = dir;
    this.#codeDigest = codeDigest;
    this.#stored = stored;
  }

  /** The cache in `dir`, with the scans the last build kept; `codeDigest`: `scanCodeDigest`. */
  static async open(dir: string, codeDigest: string): Promise<LinkScanCache> {
    const stored = new Map<string, string>();
    if (existsSync(join(dir, PACK))) {
      const lines = createInterface({ input: createReadStream(join(dir, PACK), 'utf8') });
      for await (const line of lines) {
        const tab = line.indexOf('\t');
        if (tab > 0) stored.set(line.slice(0, tab), line.slice(tab + 1));
      }
    }
    return new LinkScanCache(dir, codeDigest, stored);
  }

  /**
   * The key of a file's scan: its bytes (`fileDigest`: `digestOf` them, see `built-files.ts`),
   * how it is read, and the scanning code.
   */
  key(kind: ScanKind, fileDigest: string): string {
    return createHash('sha256')
      .update(this.#codeDigest)
      .update('\0')
      .update(kind)
      .update('\0')
      .update(fileDigest)
      .digest('hex');
  }

  /** The cached scan under `key`, or `undefined`. */
  scan(key: string): PageScan | undefined {
    const line = this.#stored.get(key);
    if (line === undefined) return undefined;
    let stored: StoredScan;
    try {
      stored = JSON.parse(line) as StoredScan;
    } catch {
      return undefined;
    }
    this.#used.set(key, line);
    return {
      ids: new Set(stored.ids),
      duplicateIds: new Set(stored.duplicateIds),
      links: stored.links,
    };
  }

  save(key: string, scan: PageScan): void {
    const stored: StoredScan = {
      ids: [...scan.ids],
      duplicateIds: [...scan.duplicateIds],
      links: scan.links,
    };
    this.#used.set(key, JSON.stringify(stored));
  }

  /** How many scans this build used or made. */
  get size(): number {
    return this.#used.size;
  }

  /**
   * Writes the scans this build used or made, in place of the last build's, and removes
   * anything else in the folder (what a stopped build left half-written).
   */
  async write(): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    // The folder is the cache's own: anything but the pack is what a stopped build left.
    for (const name of await readdir(this.#dir)) {
      if (name !== PACK) await rm(join(this.#dir, name), { recursive: true, force: true });
    }
    const temporary = join(this.#dir, `${PACK}.${randomUUID()}.tmp`);
    const output = createWriteStream(temporary, 'utf8');
    for (const [key, line] of this.#used) {
      if (!output.write(`${key}\t${line}\n`)) await once(output, 'drain');
    }
    output.end();
    await finished(output);
    await rename(temporary, join(this.#dir, PACK));
  }
}
