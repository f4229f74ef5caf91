import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGlossary } from '../../src/content/glossary';
import { nameBeginnings, nameMatcher } from '../../src/lib/names';
import { projectRoot } from '../support/paths';

const file = 'content/glossary.yaml';
const glossary = parseGlossary(readFileSync(join(projectRoot, file), 'utf8'), file);
const find = nameMatcher(glossary);
const ids = (text: string) => find(text).map((match) => match.entry.id);

describe('the site glossary', () => {
  it('is valid and lists the article’s people, places and organisations', () => {
    expect(glossary.map((entry) => entry.id)).toEqual(
      expect.arrayContaining([
        'kyiv',
        'volodymyr-zelenskyy',
        'oleksii-reznikov',
        'jens-stoltenberg',
        'nato',
      ]),
    );
  });
});

describe('nameBeginnings', () => {
  const begun = nameBeginnings(glossary);
  const beginnings = (text: string) =>
    begun(text).map(({ entry, start, rests }) => [entry.id, start, rests]);

  it('finds the names a reader is typing, with what each spelling has left, shortest first', () => {
    expect(beginnings('Stoltenb')).toEqual([['jens-stoltenberg', 0, ['erg']]]);
    expect(beginnings('Kie')).toEqual([['kyiv', 0, ['v', 'w']]]);
    expect(beginnings('talks with Zelens')).toEqual([
      ['volodymyr-zelenskyy', 11, ['ky', 'kyy', 'kiy', 'kyi']],
    ]);
    // A name of two words, begun in its first.
    expect(beginnings('the Atlantic All')).toEqual([['nato', 4, ['iance']]]);
  });

  it('folds as the search does: case, accents, and spellings that fold alike give one rest', () => {
    expect(beginnings('kÿi')).toEqual([['kyiv', 0, ['v']]]);
    expect(beginnings('STOLTENBERG')).toEqual([['jens-stoltenberg', 0, ['']]]);
  });

  it('takes a name from the word it starts at: `Volodymyr Zel` is not `Zel`', () => {
    expect(beginnings('Volodymyr Zel')).toEqual([['volodymyr-zelenskyy', 0, ['ensky', 'enskyy']]]);
  });

  it('needs three letters, an unfinished word, and no acronym', () => {
    expect(beginnings('St')).toEqual([]);
    expect(beginnings('Stoltenberg ')).toEqual([]);
    expect(beginnings('NAT')).toEqual([]);
    expect(beginnings('hydrofoil')).toEqual([]);
  });
});

describe('nameMatcher', () => {
  it('finds every spelling, with or without accents', () => {
    expect(ids('Kiev, Kyiv, Kÿiv, Kyïv and Київ')).toEqual([
      'kyiv',
      'kyiv',
      'kyiv',
      'kyiv',
      'kyiv',
    ]);
    expect(ids('Zelensky met Zelenskyy')).toEqual(['volodymyr-zelenskyy', 'volodymyr-zelenskyy']);
  });

  it('prefers the longest spelling and gives its exact place in the text', () => {
    const [match] = find('talks with Oleksiï Reznikov, which');
    expect(match).toMatchObject({ start: 11, end: 27 });
    expect('talks with Oleksiï Reznikov, which'.slice(match!.start, match!.end)).toBe(
      'Oleksiï Reznikov',
    );
  });

  it('matches whole words only', () => {
    expect(ids('the Russians and Kievan Rus')).toEqual([]);
    expect(ids('Zelenskyyite')).toEqual([]);
  });

  it('matches acronyms only in capitals, so the pronoun "us" is not the US', () => {
    expect(ids('sees us as an enemy')).toEqual([]);
    expect(ids('the US base, NATO’s support')).toEqual(['united-states', 'nato']);
  });
});

describe('parseGlossary', () => {
  it.each([
    ['kyiv:\n  name: Kyiv\n  kind: city\n', /kyiv\.kind: /],
    ['kyiv:\n  kind: place\n', /kyiv\.name: /],
    [
      'kyiv:\n  name: Kyiv\n  kind: place\n  spellings: Kiev\n',
      /kyiv\.spellings: expected a list of spellings/,
    ],
    ['kyiv:\n  name: Kyiv\n  kind: place\n  spelings: [Kiev]\n', /spelings/],
    ['Kyiv City:\n  name: Kyiv\n  kind: place\n', /Kyiv City: expected an id/],
  ])('refuses a malformed entry, naming the file and the field (%#)', (source, message) => {
    expect(() => parseGlossary(source, 'content/glossary.yaml')).toThrow(
      /^content\/glossary\.yaml: the glossary is not valid/,
    );
    expect(() => parseGlossary(source, 'content/glossary.yaml')).toThrow(message);
  });

  it('refuses one spelling for two entries', () => {
    const source =
      'kyiv:\n  name: Kyiv\n  kind: place\n  spellings: [Kiev]\nkiev-oblast:\n  name: Kiev\n  kind: place\n';
    expect(() => parseGlossary(source, 'g.yaml')).toThrow(
      'g.yaml: kiev-oblast.spellings: "Kiev" is also a spelling of kyiv',
    );
  });

  it('names the line of a YAML syntax error', () => {
    expect(() => parseGlossary('kyiv:\n  name: [Kyiv\n', 'g.yaml')).toThrow(
      /^g\.yaml: not valid YAML at line \d+/,
    );
  });
});
