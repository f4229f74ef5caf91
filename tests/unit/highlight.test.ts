import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  appendMarked,
  mergeRanges,
  occurrenceRanges,
  phraseRanges,
  wordRanges,
} from '../../src/scripts/highlight';

describe('highlight', () => {
  it('turns word positions into character ranges, without trailing punctuation', () => {
    const text = 'It is now a battle of attrition, he said.';
    const ranges = wordRanges(text, [4, 6]);
    expect(ranges.map(([start, end]) => text.slice(start, end))).toEqual(['battle', 'attrition']);
  });

  it('finds every occurrence of a phrase, ignoring case and accents', () => {
    const text = '“It is now a battle of attrition, and a Battle of Attrition is becoming a war”';
    expect(phraseRanges(text, 'battle of attrition').map(([s, e]) => text.slice(s, e))).toEqual([
      'battle of attrition',
      'Battle of Attrition',
    ]);
    expect(
      phraseRanges('the future of Kÿiv lay', 'of kyiv').map(([s, e]) =>
        'the future of Kÿiv lay'.slice(s, e),
      ),
    ).toEqual(['of Kÿiv']);
  });

  it('finds whole-word occurrences only', () => {
    expect(occurrenceRanges('Kiev’s allies in Kievan Rus and Kiev', ['Kiev'])).toEqual([
      [0, 4],
      [32, 36],
    ]);
  });

  it('merges overlapping ranges', () => {
    expect(
      mergeRanges([
        [5, 9],
        [0, 3],
        [2, 4],
        [9, 10],
      ]),
    ).toEqual([
      [0, 4],
      [5, 10],
    ]);
  });

  it('marks text with text nodes only, so markup in an article stays text', () => {
    const { document } = parseHTML('<p></p>');
    const p = document.querySelector('p')!;
    appendMarked(p, '<script>alert(1)</script> and <b>bold</b>', [[8, 13]]);
    expect(p.innerHTML).toBe(
      '&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; and &lt;b&gt;bold&lt;/b&gt;',
    );
  });
});

describe('wordRanges with the query words', () => {
  it('marks only the matching part of a word full of punctuation', () => {
    const text = 'A standfirst with <img src=x onerror=alert("standfirst")> in it.';
    const ranges = wordRanges(text, [1, 5], ['standfirst']);
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['standfirst', 'standfirst']);
  });

  it('marks a whole word that is a query word, hyphen and all, else only its matching parts', () => {
    const text = 'Soviet-designed Mig-29 fighters.';
    const marked = (words: string[]) =>
      wordRanges(text, [1, 2], words).map(([s, e]) => text.slice(s, e));
    expect(marked(['Mig-29', 'fighter'])).toEqual(['Mig-29', 'fighters']);
    expect(marked(['MiG', '29', 'fighter'])).toEqual(['Mig', '29', 'fighters']);
  });

  it('marks the word, not its neighbours, in scripts written without spaces', () => {
    const text = '北京 是 中国 的 首都，也是 一座';
    expect(wordRanges(text, [4], ['首都']).map(([s, e]) => text.slice(s, e))).toEqual(['首都']);
  });
});
