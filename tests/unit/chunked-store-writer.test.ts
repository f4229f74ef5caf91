import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { astroWriterModule, writeChunkedStore } from '../../src/content/chunked-store-writer';

const astroEntry = createRequire(import.meta.url).resolve('astro');
const astroRequire = createRequire(astroEntry);
const devalue = astroRequire('devalue') as { stringify(value: unknown): string };

interface Store {
  collections(): Map<string, Map<string, unknown>>;
}
const { MutableDataStore } = astroRequire('./content/mutable-data-store.js') as {
  MutableDataStore: { fromDir(dir: URL, chunkSize: number, logger: unknown): Promise<Store> };
};
const { ChunkedWriter } = astroRequire('./content/data-store-writer.js') as {
  ChunkedWriter: new (dir: URL, chunkSize: number) => { write(c: unknown): Promise<boolean> };
};
const logger = { warn: () => {}, info: () => {}, error: () => {}, debug: () => {} };

/** Articles as the content store holds them: dates, rendered HTML, all kinds of characters. */
function collections(): Map<string, Map<string, unknown>> {
  const articles = new Map<string, unknown>();
  for (let i = 0; i < 40; i++) {
    articles.set(`2024/03/report-${String(i).padStart(2, '0')}`, {
      id: `report-${i}`,
      data: {
        title: `Report ${i}: Kÿiv “quoted”, 北京, 😀`,
        published: new Date(Date.UTC(2024, 2, i)),
      },
      rendered: {
        html: `<p id="p-${i}">${'Line\nwith "quotes" and \\ slashes. '.repeat(i * 5)}</p>`,
      },
    });
  }
  articles.set('huge', { body: 'x'.repeat(5000) });
  return new Map([
    ['articles', articles],
    ['meta::meta', new Map([['content-config-digest', 'abc']])],
  ]);
}

const dir = () => pathToFileURL(`${mkdtempSync(join(tmpdir(), 'store-'))}/`);

describe('writeChunkedStore', () => {
  it('writes a store that Astro reads back exactly as Astro writes it, in any chunk size', async () => {
    const module = astroWriterModule()!;
    expect(module).toBeDefined();
    for (const chunkBytes of [1024, 20 * 1024 * 1024]) {
      const ours = dir();
      const astros = dir();
      await writeChunkedStore(
        collections(),
        new URL('manifest.json', ours),
        module,
        devalue,
        chunkBytes,
      );
      await new ChunkedWriter(astros, chunkBytes).write(collections());
      const read = async (folder: URL) =>
        (await MutableDataStore.fromDir(folder, chunkBytes, logger)).collections();
      expect(await read(ours)).toEqual(await read(astros));
      expect(await read(ours)).toEqual(collections());
      if (chunkBytes === 1024) expect(readdirSync(ours).length).toBeGreaterThan(10);
    }
  });

  it('removes chunks that no longer belong to the store', async () => {
    const folder = dir();
    writeFileSync(new URL('stale.txt', folder), 'old');
    await writeChunkedStore(
      collections(),
      new URL('manifest.json', folder),
      astroWriterModule()!,
      devalue,
    );
    expect(readdirSync(folder)).not.toContain('stale.txt');
    expect(readdirSync(folder)).toContain('manifest.json');
  });

  it('says whether anything changed', async () => {
    const folder = dir();
    const write = () =>
      writeChunkedStore(
        collections(),
        new URL('manifest.json', folder),
        astroWriterModule()!,
        devalue,
      );
    expect(await write()).toBe(true);
    expect(await write()).toBe(false);
  });
});
