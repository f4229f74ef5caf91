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
    });
  });

  it('reads an unmatched quote as plain text', () => {
    expect(parse('"battle of')).toEqual({ phrases: [], names: [], words: ['battle', 'of'] });
  });

  it('takes glossary names out of the words, in any spelling', () => {
    expect(parse('Kiev marathon')).toEqual({
      phrases: [],
      names: [{ id: 'kyiv', typed: 'Kiev' }],
      words: ['marathon'],
    });
    expect(parse('the Atlantic Alliance').names).toEqual([
      { id: 'nato', typed: 'Atlantic Alliance' },
    ]);
  });

  it('keeps $, inner hyphens and digits, and drops punctuation around words', () => {
    expect(parse('$150 billion, Mig-29!').words).toEqual(['$150', 'billion', 'Mig-29']);
  });
});
