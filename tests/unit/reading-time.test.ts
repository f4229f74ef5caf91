import { describe, expect, it } from 'vitest';
import { countWords } from '../../src/markdown/rehype-reading-time';
import { renderArticle } from '../support/markdown';

describe('countWords', () => {
  it('counts runs between spaces, punctuation and all', () => {
    expect(countWords('Kiev’s allies, meeting Friday — pledged $150 billion.')).toBe(8);
  });

  it('counts two characters of an unspaced script as a word', () => {
    expect(countWords('北京是中国的首都')).toBe(4);
    expect(countWords('In 北京 today')).toBe(3);
  });
});

describe('rehypeReadingTime', () => {
  it('gives the minutes at 230 words a minute, from the text a reader sees', async () => {
    const paragraph = `${'word '.repeat(100).trim()}.`;
    const markdown = `## Heading words here\n\n${Array(7).fill(paragraph).join('\n\n')}\n`;
    // 703 words: three minutes. Markup, ids and links are not words.
    const { frontmatter } = await renderArticle(markdown);
    expect(frontmatter['readingMinutes']).toBe(3);
  });

  it('says one minute at least', async () => {
    expect((await renderArticle('A short note.\n')).frontmatter['readingMinutes']).toBe(1);
  });
});
