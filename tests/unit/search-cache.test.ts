import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SearchCache, recordCodeDigest } from '../../src/integrations/search-cache';
import type { SearchRecord } from '../../src/integrations/search-records';

const record = (url: string): SearchRecord =>
  ({ url, content: `words of ${url}`, meta: {}, filters: {}, sort: {} }) as unknown as SearchRecord;

describe('SearchCache', () => {
  it('gives back a page’s record by its HTML, and knows a page that has none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'search-cache-'));
    const cache = new SearchCache(dir, 'code', '1.6.0');
    const key = cache.recordKey('<html>article</html>');
    expect(await cache.record(key)).toBeUndefined();
    await cache.saveRecord(key, record('/a/'));
    expect(await cache.record(key)).toEqual(record('/a/'));
    const list = cache.recordKey('<html>list</html>');
    await cache.saveRecord(list, null);
    expect(await cache.record(list)).toBeNull();
    // Other record code, other key: nothing made by the old code is taken.
    expect(new SearchCache(dir, 'other code', '1.6.0').recordKey('<html>article</html>')).not.toBe(
      key,
    );
  });

  it('keys a part by its records’ keys in order, the language and Pagefind’s version', () => {
    const cache = new SearchCache('/nowhere', 'code', '1.6.0');
    const [a, b] = [cache.recordKey('<html>a</html>'), cache.recordKey('<html>b</html>')];
    const key = cache.partKey([a, b], 'en');
    expect(cache.partKey([a, b], 'en')).toBe(key);
    expect(cache.partKey([b, a], 'en')).not.toBe(key);
    expect(cache.partKey([a], 'en')).not.toBe(key);
    expect(cache.partKey([a, b], 'fr')).not.toBe(key);
    expect(new SearchCache('/nowhere', 'code', '1.7.0').partKey([a, b], 'en')).not.toBe(key);
  });

  it('keeps a part’s files with Pagefind’s shared ones, restores them, and prunes what a build did not use', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'search-cache-'));
    const built = mkdtempSync(join(tmpdir(), 'search-part-'));
    mkdirSync(join(built, 'part', 'index'), { recursive: true });
    writeFileSync(join(built, 'part', 'index', 'en_1.pf_index'), 'index');
    mkdirSync(join(built, 'shared'));
    writeFileSync(join(built, 'shared', 'pagefind.js'), 'code');
    const first = new SearchCache(dir, 'code', '1.6.0');
    const kept = first.partKey(['a'], 'en');
    const dropped = first.partKey(['b'], 'en');
    const summary = { words: 3, postings: 0, terms: [['harbour', 1]] as [string, number][] };
    for (const key of [kept, dropped]) {
      await first.savePart(
        key,
        join(built, 'part'),
        join(built, 'shared'),
        ['pagefind.js'],
        summary,
      );
    }
    // The next build uses one of the two parts.
    const next = new SearchCache(dir, 'code', '1.6.0');
    expect(next.hasPart(kept)).toBe(true);
    const to = mkdtempSync(join(tmpdir(), 'search-dist-'));
    await next.restorePart(kept, join(to, 'part'), join(to, 'shared'));
    expect(readFileSync(join(to, 'part', 'index', 'en_1.pf_index'), 'utf8')).toBe('index');
    expect(readFileSync(join(to, 'shared', 'pagefind.js'), 'utf8')).toBe('code');
    // What its records gave the word directory comes with it; the part's files do not hold it.
    expect(await next.partSummary(kept)).toEqual(summary);
    expect(existsSync(join(to, 'part', 'summary.json'))).toBe(false);
    await next.prune();
    expect(existsSync(next.partDir(kept))).toBe(true);
    expect(existsSync(next.partDir(dropped))).toBe(false);
  });
});

describe('recordCodeDigest', () => {
  it('changes with what records are made with', () => {
    expect(recordCodeDigest({ language: 'en' })).toBe(recordCodeDigest({ language: 'en' }));
    expect(recordCodeDigest({ language: 'en' })).not.toBe(recordCodeDigest({ language: 'fr' }));
  });
});
