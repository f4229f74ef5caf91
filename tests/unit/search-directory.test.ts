import { describe, expect, it } from 'vitest';
import {
  DirectoryBuilder,
  POSTINGS_DIR,
  allOf,
  anyOf,
  decodeParts,
  encodeParts,
  parseDirectory,
  parsePostings,
  postingFile,
  postingLine,
  termFile,
} from '../../src/lib/search-directory';
import { summarizePart } from '../../src/integrations/search-index';
import type { SearchRecord } from '../../src/integrations/search-records';
import { nameToken, numberToken } from '../../src/lib/search-outline';
import { vocabularyFile } from '../../src/lib/search-words';

describe('the word directory', () => {
  it('writes parts as runs and reads them back', () => {
    expect(encodeParts([0, 1, 2, 3, 7])).toBe('0-3,7');
    expect(encodeParts([5])).toBe('5');
    expect(encodeParts([])).toBe('');
    for (const parts of [[0, 1, 2, 3, 7], [2, 4, 6], [0], [], [9, 10, 11, 40, 41]])
      expect(decodeParts(encodeParts(parts))).toEqual(parts);
  });

  it('adds up the parts’ counts, and lists each part once', () => {
    const builder = new DirectoryBuilder();
    builder.addPart(0, [
      ['harbour', 2],
      ['dock', 1],
    ]);
    builder.addPart(2, [
      ['harbour', 1],
      ['storm', 1],
    ]);
    const files = builder.files();
    const names = JSON.parse(files.get('files.json')!) as string[];
    const terms = new Map(names.flatMap((name) => [...parseDirectory(files.get(`${name}.txt`)!)]));
    expect(terms.get('harbour')).toMatchObject({ articles: 3, parts: [0, 2] });
    expect(terms.get('dock')).toMatchObject({ articles: 1, parts: [0] });
    expect(terms.get('storm')).toMatchObject({ articles: 1, parts: [2] });
    expect(builder.size).toBe(3);
  });

  it('counts a part’s articles once a term, however often each says it', () => {
    const record = (content: string) =>
      ({ url: '/a/', content, meta: {}, filters: {}, sort: {} }) as SearchRecord;
    const summary = summarizePart([
      record('harbour harbour dock zznkyiv'),
      record('harbour storm'),
    ]);
    expect(summary.words).toBe(6);
    expect(new Map(summary.terms.map(([term, articles]) => [term, articles]))).toEqual(
      new Map([
        ['harbour', 2],
        ['dock', 1],
        ['zznkyiv', 1],
        ['storm', 1],
      ]),
    );
  });

  it('files words by their first two letters and tokens by more, so numbers do not pile up', () => {
    expect(termFile('harbour')).toBe(vocabularyFile('harbour'));
    expect(termFile('harbour')).toBe(termFile('hat'));
    expect(termFile(numberToken('2022'))).not.toBe(termFile(numberToken('1991')));
    expect(termFile(numberToken('2022'))).toBe(termFile(numberToken('2023')));
    expect(termFile(nameToken('kyiv'))).not.toBe(termFile(numberToken('2022')));
  });

  it('combines terms: any of them (spellings), or all of them (a phrase)', () => {
    const a = { articles: 5, parts: [0, 1, 2] };
    const b = { articles: 2, parts: [2, 3] };
    expect(anyOf([a, b])).toEqual({ articles: 5, parts: [0, 1, 2, 3] });
    expect(allOf([a, b])).toEqual({ articles: 2, parts: [2] });
    expect(allOf([])).toEqual({ articles: 0, parts: [] });
  });

  it('keeps how often each article says a term, and which articles, for the rarer terms', () => {
    const record = (content: string) =>
      ({ url: '/a/', content, meta: {}, filters: {}, sort: {} }) as SearchRecord;
    const summary = summarizePart(
      [record('harbour harbour dock'), record('harbour storm'), record('harbour')],
      2,
    );
    const terms = new Map(summary.terms.map(([term, ...rest]) => [term, rest]));
    // Held by three articles, over the limit of two: counted, with no postings.
    expect(terms.get('harbour')).toEqual([3]);
    expect(terms.get('dock')).toEqual([1, [[0, 1]]]);
    expect(terms.get('storm')).toEqual([1, [[1, 1]]]);
    expect(summary.postings).toBe(2);
    const twice = summarizePart([record('harbour harbour dock')], 2);
    expect(
      new Map(twice.terms.map(([term, , postings]) => [term, postings])).get('harbour'),
    ).toEqual([[0, 2]]);
  });

  it('writes the postings of the terms held by at most the limit, over all parts', () => {
    const builder = new DirectoryBuilder(2);
    const part = (ids: string[]) => ({
      ids,
      days: ids.map((_, i) => 19000 + i),
      words: ids.map(() => 50),
    });
    builder.addPart(
      0,
      [
        ['samovar', 1, [[1, 2]]],
        [
          'harbour',
          2,
          [
            [0, 1],
            [1, 1],
          ],
        ],
      ],
      part(['en_a', 'en_b']),
    );
    builder.addPart(
      1,
      [
        ['samovar', 1, [[0, 1]]],
        ['harbour', 1, [[0, 3]]],
      ],
      part(['en_c']),
    );
    const files = builder.files();
    const postings = new Map(
      [...files]
        .filter(([name]) => name.startsWith(`${POSTINGS_DIR}/`))
        .flatMap(([, text]) => [...parsePostings(text)]),
    );
    expect(postings.get('samovar')).toEqual([
      { place: 0, id: 'en_b', occurrences: 2, words: 50, day: 19001 },
      { place: 1, id: 'en_c', occurrences: 1, words: 50, day: 19000 },
    ]);
    // Three articles in all: over the limit, so none, though each part had few.
    expect(postings.has('harbour')).toBe(false);
    expect(files.has(`${POSTINGS_DIR}/${postingFile('samovar')}.txt`)).toBe(true);
    // The directory's own files do not list the postings' files.
    const names = JSON.parse(files.get('files.json')!) as string[];
    expect(names.some((name) => name.includes('/'))).toBe(false);
  });

  it('writes postings it can read back, and refuses an id it could not', () => {
    const posting = { place: 3, id: 'en_30c14f3', occurrences: 2, words: 412, day: 19700 };
    expect(
      parsePostings(`${postingLine('hydrofoil', [posting, { ...posting, place: 4 }])}\n`),
    ).toEqual(new Map([['hydrofoil', [posting, { ...posting, place: 4 }]]]));
    expect(() => postingLine('x', [{ ...posting, id: 'en:1,2' }])).toThrow(/cannot hold/);
  });

  it('files postings finer than the directory: a rare word’s file holds few others', () => {
    expect(postingFile('samovar')).not.toBe(postingFile('sample'));
    expect(postingFile('samovar')).toBe(postingFile('samovars'));
    expect(postingFile(nameToken('kyiv'))).not.toBe(postingFile(nameToken('kharkiv')));
  });

  it('refuses a part that leaves out the postings of a term the limit needs', () => {
    const builder = new DirectoryBuilder(2);
    expect(() =>
      builder.addPart(0, [['samovar', 1]], { ids: ['en_a'], days: [1], words: [1] }),
    ).toThrow(/without the postings of samovar/);
  });
});
