import { describe, expect, it } from 'vitest';
import {
  baseForm,
  editDistance,
  formMatches,
  joinedForm,
  pieces,
  skeletonBeginnings,
  spellingVariants,
  transliterationSkeleton,
  wordForms,
  wordMatches,
} from '../../src/lib/search-words';

describe('word forms', () => {
  it('folds case, accents, quotes and dashes, and drops punctuation and possessives', () => {
    expect(baseForm('“Kÿiv’s')).toBe('kyiv');
    expect(baseForm("allies'")).toBe('allies');
    expect(baseForm('IRIS‑T,')).toBe('iris-t');
    expect(joinedForm('Mig-29')).toBe('mig29');
    expect(pieces('F16')).toEqual(['f', '16']);
    expect(wordForms('Mig-29')).toEqual(['mig-29', 'mig29', 'mig', '29']);
    expect(wordForms('$150')).toEqual(['$150', '150']);
  });
});

describe('formMatches', () => {
  it('matches numbers, single letters and stop words whole', () => {
    expect(formMatches('2', '2')).toBe(true);
    expect(formMatches('2', '29')).toBe(false);
    expect(formMatches('2', '2022')).toBe(false);
    expect(formMatches('t', 'tanks')).toBe(false);
    expect(formMatches('of', 'offensive')).toBe(false);
    expect(wordMatches('29', 'Mig-29')).toBe(true);
    expect(wordMatches('5', '1A5')).toBe(false);
  });

  it('never matches a shorter word the query begins with', () => {
    expect(formMatches('warlike', 'war')).toBe(false);
    expect(formMatches('tallness', 'tallinn')).toBe(false);
  });

  it('matches a prefix only when asked to, and other forms of a word always', () => {
    expect(formMatches('stolt', 'stoltenberg')).toBe(true);
    expect(formMatches('war', 'warsaw', false)).toBe(false);
    expect(wordMatches('war', 'Warsaw', false)).toBe(false);
    expect(formMatches('war', 'wars', false)).toBe(true);
    expect(formMatches('tanks', 'tank', false)).toBe(true);
    expect(formMatches('attacked', 'attacks', false)).toBe(true);
    expect(wordMatches('ukraine', 'Ukraine’s', false)).toBe(true);
    // The forms may come from elsewhere (the search engine keeps them): those are what count.
    const kept = (word: string) => (word === 'T-72s' ? ['t72s', 'tanks'] : []);
    expect(wordMatches('tank', 'T-72s', false, kept)).toBe(true);
    expect(wordMatches('ukraine', 'Ukraine', false, kept)).toBe(false);
  });
});

describe('spellings', () => {
  it('gives British and American spellings', () => {
    expect(spellingVariants('defence')).toContain('defense');
    expect(spellingVariants('defense')).toContain('defence');
    expect(spellingVariants('programme')).toContain('program');
    expect(spellingVariants('program')).toContain('programme');
    expect(spellingVariants('armour')).toContain('armor');
    expect(spellingVariants('centre')).toContain('center');
    expect(spellingVariants('organise')).toContain('organize');
    expect(spellingVariants('analyse')).toContain('analyze');
    expect(spellingVariants('catalogue')).toContain('catalog');
    expect(spellingVariants('travelled')).toContain('traveled');
    expect(spellingVariants('defences')).toContain('defenses');
    expect(spellingVariants('war')).toEqual(['war']);
  });

  it('gives Slavic transliterations one skeleton', () => {
    const zelenskyy = transliterationSkeleton('Zelenskyy');
    for (const spelling of ['Selenskyj', 'Zelenski', 'Zelenskiy', 'Zelenskyi', 'Zelenskij'])
      expect(transliterationSkeleton(spelling)).toBe(zelenskyy);
    expect(transliterationSkeleton('Charkiw')).toBe(transliterationSkeleton('Kharkiv'));
    expect(transliterationSkeleton('Kiew')).toBe(transliterationSkeleton('Kiev'));
    expect(transliterationSkeleton('Reznikow')).toBe(transliterationSkeleton('Reznikov'));
    expect(transliterationSkeleton('Stoltenburg')).not.toBe(transliterationSkeleton('Stoltenberg'));
    expect(skeletonBeginnings('Charkiw')).toEqual(expect.arrayContaining(['ha', 'ch', 'kh']));
    expect(skeletonBeginnings('Selenskyj')).toEqual(expect.arrayContaining(['se', 'ze']));
  });

  it('measures edit distance with swaps, stopping past the limit', () => {
    expect(editDistance('stoltenburg', 'stoltenberg', 2)).toBe(1);
    expect(editDistance('pistorious', 'pistorius', 2)).toBe(1);
    expect(editDistance('pistorius', 'pitsorius', 2)).toBe(1);
    expect(editDistance('tallness', 'tallinn', 2)).toBe(3);
  });
});
