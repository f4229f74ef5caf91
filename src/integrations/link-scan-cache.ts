/**
 * The link check's scans (`link-scan.ts`) kept from one build to the next, in Astro's cache
 * folder: each built file's ids and links, by a digest of the file's bytes, of whether it was
 * read as HTML or XML, and of the scanning code (`link-scan.ts`, followed import by import, and
 * the version of its parser). A publish so parses only the files that changed; the check that
 * every link resolves still runs over every file's scan, so a page that lost its target is
 * caught though its own bytes did not change.
 *
 * One small file per scan, written whole or not at all (to a temporary name, then renamed): a
 * build stopped halfway leaves nothing half-written to be read as a scan. Entries this build
 * did not use are removed at its end (`prune`): the cache holds one site, not every site it saw.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  let parser: string;
  try {
    const manifest = new URL('node_modules/htmlparser2/package.json', root);
    parser = String(
      (JSON.parse(readFileSync(fileURLToPath(manifest), 'utf8')) as { version?: unknown })
        .version ?? '',
    );
  } catch {
    return undefined;
  }
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

export class LinkScanCache {
  readonly #dir: string;
  readonly #codeDigest: string;
  readonly #used = new Set<string>();

  /** `dir`: the cache's folder; `codeDigest`: `scanCodeDigest`. */
  constructor(dir: string, codeDigest: string) {
    this.#dir = dir;
    this.#codeDigest = codeDigest;
  }

  #file(key: string): string {
    return join(this.#dir, key.slice(0, 2), `${key}.json`);
  }

  /** The key of a file's scan: its bytes, how it is read, and the scanning code. */
  key(kind: ScanKind, bytes: Uint8Array): string {
    return createHash('sha256')
      .update(this.#codeDigest)
      .update('\0')
      .update(kind)
      .update('\0')
      .update(bytes)
      .digest('hex');
  }

  /** The cached scan under `key`, or `undefined`; marks it as used by this build either way. */
  async scan(key: string): Promise<PageScan | undefined> {
    this.#used.add(key);
    let stored: StoredScan;
    try {
      stored = JSON.parse(await readFile(this.#file(key), 'utf8')) as StoredScan;
    } catch {
      return undefined;
    }
    return {
      ids: new Set(stored.ids),
      duplicateIds: new Set(stored.duplicateIds),
      links: stored.links,
    };
  }

  async save(key: string, scan: PageScan): Promise<void> {
    this.#used.add(key);
    const file = this.#file(key);
    const stored: StoredScan = {
      ids: [...scan.ids],
      duplicateIds: [...scan.duplicateIds],
      links: scan.links,
    };
    await mkdir(join(file, '..'), { recursive: true });
    const temporary = `${file}.${randomUUID()}.tmp`;
    await writeFile(temporary, JSON.stringify(stored));
    await rename(temporary, file);
  }

  /** Removes the scans this build did not use, and what a stopped build left half-written. */
  async prune(): Promise<number> {
    if (!existsSync(this.#dir)) return 0;
    let removed = 0;
    for (const entry of await readdir(this.#dir, { recursive: true })) {
      const file = String(entry);
      const name = file.split(/[\\/]/).at(-1)!;
      const stale =
        name.endsWith('.tmp') || (name.endsWith('.json') && !this.#used.has(name.slice(0, -5)));
      if (stale) {
        await rm(join(this.#dir, file), { force: true });
        removed++;
      }
    }
    return removed;
  }
}
