import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PART_SIZE,
  DEFAULT_POSTINGS,
  POSTINGS_ARCHIVE_STEP,
  compareForParts,
  cutIntoParts,
  isSharedPagefindFile,
  keptPostings,
  parsePartSize,
  parsePostings,
  partDir,
  postingsFor,
} from '../../src/lib/search-parts';

const article = (published: string, url: string) => ({ published, url });

describe('the parts of the search index', () => {
  it('orders articles by publication, days and instants together, then by address', () => {
    const articles = [
      article('2023-06-02', '/b/'),
      article('2023-06-01T22:30:00Z', '/z/'),
      article('2023-06-02', '/a/'),
      article('2023-06-01', '/y/'),
    ];
    expect(articles.sort(compareForParts).map(({ url }) => url)).toEqual([
      '/y/',
      '/z/',
      '/a/',
      '/b/',
    ]);
  });

  it('cuts in fixed sizes, oldest first, so a new article changes only the newest part', () => {
    const before = cutIntoParts(['a', 'b', 'c', 'd', 'e'], 2);
    expect(before).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    const after = cutIntoParts(['a', 'b', 'c', 'd', 'e', 'f'], 2);
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(after[2]).toEqual(['e', 'f']);
  });

  it('names part folders so they sort in order', () => {
    expect(partDir(0)).toBe('pagefind/parts/0000/');
    expect(partDir(12)).toBe('pagefind/parts/0012/');
  });

  it('takes the part size from the environment, or the default, and refuses nonsense', () => {
    expect(parsePartSize(undefined)).toBe(DEFAULT_PART_SIZE);
    expect(parsePartSize('')).toBe(DEFAULT_PART_SIZE);
    expect(parsePartSize('2')).toBe(2);
    for (const bad of ['0', '-1', '1.5', 'many'])
      expect(() => parsePartSize(bad)).toThrow(/whole number of articles, at least 1: /);
  });

  it('takes the postings limit from the environment, else from the archive, and refuses nonsense', () => {
    expect(parsePostings(undefined)).toBeUndefined();
    expect(parsePostings('')).toBeUndefined();
    expect(parsePostings('0')).toBe(0);
    expect(parsePostings(400)).toBe(400);
    for (const bad of ['-1', '1.5', 'many'])
      expect(() => parsePostings(bad)).toThrow(/whole number of articles, 0 or more: /);
  });

  it('doubles the postings limit each time the archive doubles past a step, and only then', () => {
    expect(DEFAULT_POSTINGS).toBe(100);
    expect(POSTINGS_ARCHIVE_STEP).toBe(25_000);
    for (const articles of [0, 1, 5_000, 20_000, 25_000]) expect(postingsFor(articles)).toBe(100);
    expect(postingsFor(25_001)).toBe(200);
    expect(postingsFor(50_000)).toBe(200);
    expect(postingsFor(50_001)).toBe(400);
    expect(postingsFor(100_000)).toBe(400);
    expect(postingsFor(1_000_000)).toBe(6_400);
    // What a part's summary keeps serves the next step: a doubling counts no part again.
    for (const articles of [20_000, 40_000, 90_000])
      expect(keptPostings(postingsFor(articles))).toBeGreaterThanOrEqual(postingsFor(2 * articles));
  });

  it("shares Pagefind's code and WebAssembly, not a part's entry, metadata or chunks", () => {
    for (const shared of ['pagefind.js', 'wasm.en.pagefind', 'pagefind-ui.css'])
      expect(isSharedPagefindFile(shared)).toBe(true);
    for (const own of [
      'pagefind-entry.json',
      'pagefind.en_61475b8584.pf_meta',
      'index/en_1.pf_index',
    ])
      expect(isSharedPagefindFile(own)).toBe(false);
  });
});
