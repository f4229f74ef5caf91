import { describe, expect, it } from 'vitest';
import { WORD_BREAK, segmentWords, withoutWordBreaks } from '../../src/lib/segment';
import { textDirection } from '../../src/lib/direction';

describe('segmentWords', () => {
  it('breaks Chinese and Japanese into words with hair spaces', () => {
    expect(segmentWords('北京是中国的首都').split(WORD_BREAK)).toEqual([
      '北京',
      '是',
      '中国',
      '的',
      '首都',
    ]);
    expect(segmentWords('東京は日本の首都です').split(WORD_BREAK)).toContain('日本');
  });

  it('leaves spaced scripts alone', () => {
    for (const text of ['Kiev allies meet', 'Київ — столиця', 'Η Αθήνα', 'القاهرة هي عاصمة مصر']) {
      expect(segmentWords(text)).toBe(text);
    }
  });

  it('takes the breaks out again, moving ranges with them', () => {
    const segmented = segmentWords('北京是中国的首都');
    const at = segmented.indexOf('首都');
    expect(withoutWordBreaks(segmented, [[at, at + 2]])).toEqual({
      text: '北京是中国的首都',
      ranges: [[6, 8]],
    });
  });
});

describe('textDirection', () => {
  it('is right to left for Arabic, Hebrew, Persian and Urdu, left to right otherwise', () => {
    expect(['ar', 'he', 'fa-IR', 'ur'].map(textDirection)).toEqual(['rtl', 'rtl', 'rtl', 'rtl']);
    expect(['en', 'uk', 'zh-Hans', 'el'].map(textDirection)).toEqual(['ltr', 'ltr', 'ltr', 'ltr']);
  });
});

describe('word breaks as Pagefind returns them', () => {
  it('are plain spaces, taken out only between letters of unspaced scripts', () => {
    const returned = segmentWords('北京是中国的首都，也是一座历史名城。 Kyiv is far.').replaceAll(
      WORD_BREAK,
      ' ',
    );
    expect(withoutWordBreaks(returned, []).text).toBe(
      '北京是中国的首都，也是一座历史名城。 Kyiv is far.',
    );
  });

  it('are never put next to punctuation', () => {
    expect(segmentWords('Київ, 北京, القاهرة')).toBe('Київ, 北京, القاهرة');
  });
});
