import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGlossary } from '../../src/content/glossary';
import { SearchCache } from '../../src/integrations/search-cache';
import { collectRecordRefs, collectRecords } from '../../src/integrations/search-index';

const glossary = parseGlossary(
  'kyiv:\n  name: Kyiv\n  kind: place\n  spellings: [Kiev]\n',
  'g.yaml',
);

const articlePage = (path: string, published: string, text: string) => {
  const data = { path, title: `On ${path}`, description: 'A standfirst.', published, tags: [] };
  return `<html><body><article data-search='${JSON.stringify(data)}'>
  <h1>On ${path}</h1>
  <div class="article-body"><p id="p-1">${text}</p></div>
</article></body></html>`;
};

const pages: Record<string, string> = {
  'articles/a/index.html': articlePage('/articles/a/', '2024-01-02', 'The talks in Kiev.'),
  'articles/b/index.html': articlePage('/articles/b/', '2024-01-03', 'The aid went on.'),
  'index.html': '<html><body><h1>Front page</h1></body></html>',
};

/** A built site of `pages`, and a search cache's folder beside it. */
function site() {
  const root = mkdtempSync(join(tmpdir(), 'search-record-index-'));
  const dist = join(root, 'dist');
  for (const [page, html] of Object.entries(pages)) write(dist, page, html);
  return { dist, cacheDir: join(root, 'cache') };
}

function write(dist: string, page: string, html: string): void {
  mkdirSync(dirname(join(dist, page)), { recursive: true });
  writeFileSync(join(dist, page), html);
}

const refsOf = (records: { url: string; published: string; key?: string | undefined }[]) =>
  records.map(({ url, published, key }) => ({ url, published, key }));

describe('the search cache’s record index', () => {
  it('gives the cut into parts what it needs of a page it has seen, without reading its record', async () => {
    const { dist, cacheDir } = site();
    const first = await collectRecordRefs(dist, glossary, new SearchCache(cacheDir, 'c', '1'));
    expect(first.parsed).toBe(3);
    expect(refsOf(first.records)).toEqual([
      { url: '/articles/a/', published: '2024-01-02', key: expect.any(String) },
      { url: '/articles/b/', published: '2024-01-03', key: expect.any(String) },
    ]);
    // With the records' files gone, a build that read any of them would parse the pages again.
    rmSync(join(cacheDir, 'records'), { recursive: true });
    const cache = new SearchCache(cacheDir, 'c', '1');
    const second = await collectRecordRefs(dist, glossary, cache);
    expect(second.parsed).toBe(0);
    expect(refsOf(second.records)).toEqual(refsOf(first.records));
    // A part indexed again loads its records: one the cache lost is made again from its page.
    const record = await first.records[0]!.load();
    expect(await second.records[0]!.load()).toEqual(record);
    expect(await cache.record(second.records[0]!.key!)).toEqual(record);
  });

  it('parses a page whose HTML changed, and forgets a page that is gone', async () => {
    const { dist, cacheDir } = site();
    await collectRecordRefs(dist, glossary, new SearchCache(cacheDir, 'c', '1'));
    write(
      dist,
      'articles/b/index.html',
      articlePage('/articles/b/', '2024-01-05', 'The aid went on, said Kyiv.'),
    );
    const again = await collectRecordRefs(dist, glossary, new SearchCache(cacheDir, 'c', '1'));
    expect(again.parsed).toBe(1);
    expect(again.records[1]).toMatchObject({ url: '/articles/b/', published: '2024-01-05' });
    expect((await again.records[1]!.load()).content).toContain('said Kyiv');
    rmSync(join(dist, 'articles/b'), { recursive: true });
    const fewer = await collectRecordRefs(dist, glossary, new SearchCache(cacheDir, 'c', '1'));
    expect(fewer.parsed).toBe(0);
    expect(fewer.records.map(({ url }) => url)).toEqual(['/articles/a/']);
  });

  it('falls back to the records when it cannot be read, and to parsing under other record code', async () => {
    const { dist, cacheDir } = site();
    const first = await collectRecordRefs(dist, glossary, new SearchCache(cacheDir, 'c', '1'));
    writeFileSync(join(cacheDir, 'record-index.json'), '{"abc":');
    const unreadable = await collectRecordRefs(dist, glossary, new SearchCache(cacheDir, 'c', '1'));
    expect(unreadable.parsed).toBe(0);
    expect(refsOf(unreadable.records)).toEqual(refsOf(first.records));
    const other = await collectRecordRefs(dist, glossary, new SearchCache(cacheDir, 'd', '1'));
    expect(other.parsed).toBe(3);
  });

  it('gives whole records, as without a cache, to those that need them', async () => {
    const { dist, cacheDir } = site();
    // Settled pages, so that whether they are read again does not hang on the machine's speed.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const plain = await collectRecords(dist, glossary);
    const first = await collectRecords(dist, glossary, new SearchCache(cacheDir, 'c', '1'));
    expect(first).toEqual({ records: plain.records, parsed: 3, read: 3 });
    const cached = await collectRecords(dist, glossary, new SearchCache(cacheDir, 'c', '1'));
    expect(cached).toEqual({ records: plain.records, parsed: 0, read: 0 });
  });

  it('reads no page whose digest is known unread and whose record the index sums up', async () => {
    const { dist, cacheDir } = site();
    // Older than a tick of the file system's clock, so that their digests are kept (file-stamp.ts).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const first = await collectRecordRefs(dist, glossary, new SearchCache(cacheDir, 'c', '1'));
    expect(first.read).toBe(3);
    const again = await collectRecordRefs(dist, glossary, new SearchCache(cacheDir, 'c', '1'));
    expect(again).toMatchObject({ read: 0, parsed: 0 });
    expect(again.records.map(({ url }) => url)).toEqual(first.records.map(({ url }) => url));
  });
});
