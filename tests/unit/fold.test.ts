import { describe, expect, it } from 'vitest';
import { fold, foldCase, foldKeepingPositions, foldPunctuation } from '../../src/lib/fold';
import { fingerprintWords } from '../../src/markdown/fingerprint';
import { nameMatcher } from '../../src/lib/names';
import { phraseRanges } from '../../src/scripts/highlight';

describe('fold', () => {
  it('folds case, accents and compatibility forms', () => {
    expect(fold('KÿIV')).toBe('kyiv');
    expect(fold('Oleksiï')).toBe('oleksii');
    expect(fold('ﬁghter')).toBe('fighter');
  });

  it('folds apostrophes, double quotes and dashes', () => {
    expect(foldPunctuation('Kiev’s “Euro–Atlantic” IRIS‑T ʼ')).toBe(
      `Kiev's "Euro-Atlantic" IRIS-T '`,
    );
  });

  it('keeps positions when folding in place', () => {
    const text = 'Kÿiv’s ﬁ — Ｋ';
    expect(foldKeepingPositions(text)).toHaveLength(text.length);
    expect(foldKeepingPositions(text)).toBe("kyiv's ﬁ - k");
  });

  it('is the one rule of the name matcher, the highlighter and the fingerprint', () => {
    const find = nameMatcher([
      { id: 'kyiv', name: 'Kyiv', kind: 'place', spellings: ['Kyiv', 'Kiev’s Rus'] },
    ]);
    expect(find("KŸIV and Kiev's Rus").map((match) => match.entry.id)).toEqual(['kyiv', 'kyiv']);
    expect(phraseRanges('the Euro–Atlantic family', 'euro-atlantic family')).toEqual([[4, 24]]);
    expect(fingerprintWords('KŸIV Oleksiï')).toEqual(['kyiv', 'oleksii']);
    expect(fingerprintWords('KŸIV')).toEqual([foldCase('KŸIV')]);
  });

  it('leaves a modifier-letter apostrophe inside a fingerprinted word, as before', () => {
    // U+02BC is a letter to Unicode: folding it to ' would split the word and move ids.
    expect(fingerprintWords('Kyivʼs')).toEqual(['kyivʼs']);
  });
});
