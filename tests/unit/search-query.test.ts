import { describe, expect, it } from 'vitest';
import { parseGlossary } from '../../src/content/glossary';
import { nameMatcher } from '../../src/lib/names';
import { parseQuery } from '../../src/scripts/search-query';

const glossary = parseGlossary(
  'kyiv:\n  name: Kyiv\n  kind: place\n  spellings: [Kiev]\nnato:\n  name: NATO\n  kind: organisation\n  spellings: [Atlantic Alliance]\n',
  'g.yaml',
);
const parse = (raw: string) => parseQuery(raw, nameMatcher(glossary));

describe('parseQuery', () => {
  it('reads straight and curly double quotes as phrases', () => {
    expect(parse('"battle of attrition"').phrases).toEqual(['battle of attrition']);
    expect(parse('“Euro-Atlantic family”').phrases).toEqual(['Euro-Atlantic family']);
    expect(parse('„battle of  attrition“ war')).toEqual({
      phrases: ['battle of attrition'],
      names: [],
      words: ['war'],
      sequence: 'war',
    });
  });

  it('reads an unmatched quote as plain text', () => {
    expect(parse('"battle of')).toEqual({
      phrases: [],
      names: [],
      words: ['battle', 'of'],
      sequence: 'battle of',
    });
  });

  it('takes glossary names out of the words, in any spelling', () => {
    expect(parse('Kiev marathon')).toEqual({
      phrases: [],
      names: [{ id: 'kyiv', typed: 'Kiev' }],
      words: ['marathon'],
      sequence: 'Kiev marathon',
    });
    expect(parse('the Atlantic Alliance').names).toEqual([
      { id: 'nato', typed: 'Atlantic Alliance' },
    ]);
  });

  it('searches the name of a possessive, never a bare "s"', () => {
    for (const raw of ["Kiev's", 'Kiev’s', 'Kievʼs', 'kiev’s'])
      expect(parse(raw)).toMatchObject({ names: [{ id: 'kyiv' }], words: [] });
    expect(parse("NATO's allies")).toMatchObject({
      names: [{ id: 'nato', typed: 'NATO' }],
      words: ['allies'],
    });
    expect(parse("the allies' aid").words).toEqual(['the', 'allies', 'aid']);
    expect(parse('Stoltenberg’s visit').words).toEqual(['Stoltenberg', 'visit']);
  });

  it('keeps $, inner hyphens and digits, and drops punctuation around words', () => {
    expect(parse('$150 billion, Mig-29!').words).toEqual(['$150', 'billion', 'Mig-29']);
  });
});
