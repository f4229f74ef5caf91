import { describe, expect, it } from 'vitest';
import {
  DirectoryBuilder,
  allOf,
  anyOf,
  decodeParts,
  encodeParts,
  parseDirectory,
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
    expect(new Map(summary.terms)).toEqual(
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
});
