import { describe, expect, it } from 'vitest';
import { mentionsBySection, OPENING_SECTION } from '../../src/lib/names';
import type { NameMentions } from '../../src/markdown/rehype-glossary-names';
import { renderArticle } from '../support/markdown';

const names = async (markdown: string) => {
  const { frontmatter, headings } = await renderArticle(markdown);
  const sections = new Map(headings.map((heading) => [heading.slug, heading.text]));
  return { mentions: frontmatter['names'] as NameMentions, sections };
};

describe('names in an article', () => {
  it('counts every mention in every spelling, and gathers them by section', async () => {
    const { mentions, sections } = await names(
      [
        'Kiev and Kyiv, then Kÿiv again.',
        '## Fighter jets',
        'Nothing here.',
        'Jets for Kyiv.',
        'More jets for Kiev.',
        '## Talks',
        'Talks in Kyiv.',
      ].join('\n\n'),
    );
    const kyiv = mentionsBySection(mentions['kyiv']!, sections);
    expect(kyiv.total).toBe(6);
    expect(kyiv.sections.map(({ name, count }) => [name, count])).toEqual([
      [OPENING_SECTION, 3],
      ['Fighter jets', 2],
      ['Talks', 1],
    ]);
    // A section's link goes to its first paragraph that names it, not to one that does not.
    expect(kyiv.sections[1]!.firstBlock).toBe(mentions['kyiv']![1]!.block);
    expect(mentions['kyiv']![1]!.section).toBe('fighter-jets');
  });

  it('names the passages, by their first words, in an article without sections', async () => {
    const { mentions, sections } = await names(
      'Talks in Kyiv began on Friday morning.\n\nBy evening, Kyiv said no.',
    );
    const kyiv = mentionsBySection(mentions['kyiv']!, sections);
    expect(kyiv.sections.map(({ name }) => name)).toEqual([
      '“Talks in Kyiv began on…”',
      '“By evening, Kyiv said no.”',
    ]);
  });
});
