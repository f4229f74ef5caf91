/**
 * A faster writer for Astro's chunked content store (`experimental.collectionStorage:
 * 'chunked'`, which the archive needs: see astro.config.mjs).
 *
 * Astro 7.3's `ChunkedWriter` measures where each 20 MB chunk ends by passing the serialised
 * store through `TextEncoder.encode` one character at a time (`getChunkEnd` in
 * astro/dist/content/data-store-writer.js). Profiled on 1,000 articles, that was 20 of the 24 s
 * of an `astro sync` with nothing to re-render, and it runs on every build: the largest single
 * cost of a build, growing with the archive.
 *
 * This replaces `ChunkedWriter.prototype.write` with one that writes the same records (one
 * devalue line per entry, collections and entries sorted as Astro sorts them) and measures whole
 * lines with `Buffer.byteLength`, cutting chunks between lines. Astro's reader
 * (`ChunkedCollectionParser`) joins a collection's chunks and reads them line by line, so the
 * store reads back the same (tested against Astro's own reader and writer). Chunk files are
 * named by a hash of their text, as Astro names them, so unchanged chunks are not rewritten.
 *
 * It patches Astro's module in place, so it checks first that the module is where and what it
 * expects, and otherwise leaves Astro's writer alone. Remove it when Astro measures chunks
 * without encoding each character.
 */
import { createHash } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The chunk size Astro uses for `collectionStorage: 'chunked'`. */
export const CHUNK_BYTES = 20 * 1024 * 1024;

type Collections = Map<string, Map<string, unknown>>;

interface WriterModule {
  ChunkedWriter: { prototype: { write(collections: Collections): Promise<boolean> } };
  writeFileAtomic(file: URL, data: string): Promise<boolean>;
}

interface Devalue {
  stringify(value: unknown): string;
}

const astroEntry = createRequire(import.meta.url).resolve('astro');

/**
 * Astro's own module: the very instance Astro's data store imports. Loaded with `require`
 * (Node loads ES modules that way too, from the same cache as `import`), because astro.config.mjs
 * runs in Vite's module runner, whose `import()` would evaluate a second copy.
 */
export function astroWriterModule(): WriterModule | undefined {
  const path = fileURLToPath(new URL('./content/data-store-writer.js', pathToFileURL(astroEntry)));
  try {
    const module = createRequire(import.meta.url)(path) as Partial<WriterModule>;
    const write = module.ChunkedWriter?.prototype?.write;
    if (typeof write !== 'function' || typeof module.writeFileAtomic !== 'function') return;
    return module as WriterModule;
  } catch {
    return undefined;
  }
}

/** The devalue that Astro reads the store with. */
function astroDevalue(): Devalue {
  return createRequire(astroEntry)('devalue') as Devalue;
}

const byKey = <T>(entries: Iterable<[string, T]>) =>
  [...entries].sort(([a], [b]) => a.localeCompare(b));

/** Writes `collections` into the folder of `manifestFile`, as Astro's ChunkedWriter does. */
export async function writeChunkedStore(
  collections: Collections,
  manifestFile: URL,
  { writeFileAtomic }: Pick<WriterModule, 'writeFileAtomic'>,
  devalue: Devalue,
  chunkBytes = CHUNK_BYTES,
): Promise<boolean> {
  const dir = new URL('./', manifestFile);
  const kept = new Set<string>();
  const manifest: Record<string, string[]> = {};
  for (const [name, entries] of byKey(collections)) {
    const parts: string[] = [];
    let lines: string[] = [];
    let bytes = 0;
    const flush = async () => {
      const text = lines.join('');
      const file = `${createHash('sha256').update(text).digest('hex').slice(0, 16)}.txt`;
      await writeFileAtomic(new URL(`./${file}`, dir), text);
      parts.push(file);
      kept.add(file);
      [lines, bytes] = [[], 0];
    };
    for (const entry of byKey(entries)) {
      const line = `${devalue.stringify(entry)}\n`;
      const size = Buffer.byteLength(line);
      if (bytes > 0 && bytes + size > chunkBytes) await flush();
      lines.push(line);
      bytes += size;
    }
    if (lines.length > 0) await flush();
    manifest[name] = parts;
  }
  const changed = await writeFileAtomic(manifestFile, JSON.stringify(manifest));
  kept.add(fileURLToPath(manifestFile).split('/').pop()!);
  // Chunks of an earlier build that no longer belong to the store.
  for (const file of readdirSync(dir)) {
    if (!kept.has(file)) rmSync(new URL(`./${file}`, dir), { force: true, recursive: true });
  }
  return changed;
}

/** Puts `writeChunkedStore` in place of Astro's chunked writer; says whether it could. */
export function useFasterChunkedWriter(): boolean {
  const module = astroWriterModule();
  if (!module) return false;
  const devalue = astroDevalue();
  module.ChunkedWriter.prototype.write = function (this: { target: URL }, collections) {
    return writeChunkedStore(collections, this.target, module, devalue);
  };
  return true;
}
