import { describe, expect, it } from 'vitest';
import { renderArticle } from '../support/markdown';

const paragraphId = /^p-[0-9a-hjkmnp-tv-z]{26}$/;

describe('section anchors', () => {
  it('gives headings GitHub-style ids, keeping non-ASCII letters and numbering repeats', async () => {
    const { document } = await renderArticle(
      '## Fighter jets\n\n## Київ і Харків\n\n## Fighter jets\n',
    );
    expect([...document.querySelectorAll('h2')].map((h) => h.id)).toEqual([
      'fighter-jets',
      'київ-і-харків',
      'fighter-jets-1',
    ]);
  });

  it('appends a link after the heading text, named for the section, with no text of its own', async () => {
    const { document, headings } = await renderArticle('## Fighter jets\n');
    const heading = document.querySelector('h2')!;
    const anchor = heading.lastElementChild!;
    expect(anchor.tagName).toBe('A');
    expect(anchor.getAttribute('href')).toBe('#fighter-jets');
    expect(anchor.getAttribute('aria-label')).toBe('Link to section: Fighter jets');
    expect(anchor.textContent).toBe('');
    expect(anchor.hasAttribute('data-pagefind-ignore')).toBe(true);
    expect(heading.textContent).toBe('Fighter jets');
    expect(headings).toEqual([{ depth: 2, slug: 'fighter-jets', text: 'Fighter jets' }]);
  });

  it('names the heading by its own text, without the label of its anchor', async () => {
    const { document } = await renderArticle('## Fighter *jets*  and   tanks\n\n## Kyiv\n');
    expect([...document.querySelectorAll('h2')].map((h) => h.getAttribute('aria-label'))).toEqual([
      'Fighter jets and tanks',
      'Kyiv',
    ]);
  });

  it('keeps article ids clear of the ids the page template uses', async () => {
    const { document } = await renderArticle('## Main\n\n## Contents\n');
    expect([...document.querySelectorAll('h2')].map((h) => h.id)).toEqual(['main-1', 'contents-1']);
  });
});

describe('paragraph ids', () => {
  const source = [
    'First paragraph about Stoltenberg in Ramstein.',
    '- an item in a list\n- another item',
    '> A quoted passage.\n>\n> Its second paragraph.',
    '1. loose item\n\n   with two paragraphs',
  ].join('\n\n');

  it('gives every paragraph, list item and block quote a fingerprint id, and nothing inside them', async () => {
    const { document } = await renderArticle(source);
    const blocks = [...document.querySelectorAll('p, li, blockquote')];
    const withIds = blocks.filter((block) => block.id);
    expect(withIds.map((block) => block.tagName)).toEqual(['P', 'LI', 'LI', 'BLOCKQUOTE', 'LI']);
    for (const block of withIds) expect(block.id).toMatch(paragraphId);
    expect(new Set(withIds.map((block) => block.id)).size).toBe(withIds.length);
  });

  it('depends on the content only: inserting, deleting and reordering leave other ids alone', async () => {
    const paragraphs = [
      'Alpha bravo charlie delta.',
      'Echo foxtrot golf hotel.',
      'India juliet kilo lima.',
    ];
    const ids = async (list: string[]) => {
      const { document } = await renderArticle(list.join('\n\n'));
      return Object.fromEntries(
        [...document.querySelectorAll('p')].map((p) => [p.textContent, p.id]),
      );
    };
    const original = await ids(paragraphs);
    const edited = await ids(['A new lead paragraph.', paragraphs[2]!, paragraphs[0]!]);
    expect(edited[paragraphs[0]!]).toBe(original[paragraphs[0]!]);
    expect(edited[paragraphs[2]!]).toBe(original[paragraphs[2]!]);
  });

  it('numbers identical paragraphs so ids stay unique', async () => {
    const { document } = await renderArticle('Same words.\n\nSame words.\n');
    const [first, second] = [...document.querySelectorAll('p')].map((p) => p.id);
    expect(second).toBe(`${first}-2`);
  });

  it('lets an editor pin an id with {#id}, keeping the fingerprint for older links', async () => {
    const { document } = await renderArticle(
      'A pinned paragraph. {#the-pledge}\n\n- a pinned item {#item-one}\n\n## A heading {#kept-id}\n',
    );
    const paragraph = document.querySelector('p')!;
    expect(paragraph.id).toBe('the-pledge');
    expect(paragraph.textContent).toBe('A pinned paragraph.');
    expect(paragraph.getAttribute('data-fingerprint')).toMatch(/^[0-9a-z]{26}$/);
    expect(document.querySelector('li')!.id).toBe('item-one');
    expect(document.querySelector('h2')!.id).toBe('kept-id');
  });
});

describe('paragraph links', () => {
  it('ends each cited block with an empty ¶ link to it, named by its first words', async () => {
    const { document } = await renderArticle(
      'NATO Secretary General Jens Stoltenberg said he was confident.\n\n- short item\n',
    );
    const paragraph = document.querySelector('p')!;
    const link = paragraph.lastElementChild!;
    expect(link.getAttribute('href')).toBe(`#${paragraph.id}`);
    expect(link.getAttribute('aria-label')).toBe(
      'Link to paragraph: NATO Secretary General Jens Stoltenberg said…',
    );
    expect(link.textContent).toBe('');
    expect(document.querySelector('li > a.paragraph-link')?.getAttribute('aria-label')).toBe(
      'Link to paragraph: short item',
    );
  });
});

describe('paragraph links in lists', () => {
  it('ends a loose list item’s last paragraph with its ¶, so the ¶ takes no line of its own', async () => {
    const { document } = await renderArticle(
      '- first item\n\n  its second paragraph\n\n- second item\n',
    );
    const item = document.querySelector('li')!;
    const link = item.querySelector('a.paragraph-link')!;
    expect(link.getAttribute('href')).toBe(`#${item.id}`);
    expect(link.parentElement).toBe(item.querySelectorAll('p')[1]);
    expect(item.querySelectorAll('a.paragraph-link')).toHaveLength(1);
  });
});

describe('aliases', () => {
  it('puts an old id at the start of the element that now has the current one', async () => {
    const { document } = await renderArticle('## Jets and aircraft\n', {
      aliases: { 'fighter-jets': 'jets-and-aircraft' },
    });
    const alias = document.getElementById('fighter-jets');
    expect(alias?.parentElement?.id).toBe('jets-and-aircraft');
    expect(alias?.textContent).toBe('');
  });

  it('fails, naming the file and the alias, when the current id does not exist', async () => {
    await expect(
      renderArticle('## Jets\n', { aliases: { 'fighter-jets': 'no-such-id' } }),
    ).rejects.toThrow(/test\.md: aliases: fighter-jets: no-such-id: no element .* "no-such-id"/);
  });

  it('fails when the old id is still in use', async () => {
    await expect(
      renderArticle('## Jets\n\n## Fighter jets\n', { aliases: { 'fighter-jets': 'jets' } }),
    ).rejects.toThrow(/"fighter-jets" is still an id/);
  });
});
