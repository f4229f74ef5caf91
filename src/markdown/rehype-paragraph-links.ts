import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visitParents } from 'unist-util-visit-parents';
import { isCitableBlock } from './citable';

/** How many words of the block name its link for screen readers. */
const NAME_WORDS = 6;

/**
 * Ends every citable block that has an id with a ¶ link to it (a list item of paragraphs, its
 * last paragraph). The link has no text of its own
 * (the ¶ is drawn by CSS) so it never leaks into the text, search excerpts or reader mode; its
 * accessible name quotes the block's first words. Without JavaScript it is a plain link.
 */
export default function rehypeParagraphLinks() {
  return (tree: Root) => {
    visitParents(tree, 'element', (node, ancestors) => {
      const id = node.properties['id'];
      if (typeof id !== 'string' || !isCitableBlock(node, ancestors)) return;
      const words = toString(node).trim().split(/\s+/);
      const start = words.slice(0, NAME_WORDS).join(' ') + (words.length > NAME_WORDS ? '…' : '');
      // A list item of paragraphs ends its last one with the link: after the paragraph, the
      // link would sit alone on a line of its own.
      const last = node.children.findLast(
        (child) => child.type === 'element' || (child.type === 'text' && child.value.trim()),
      );
      const into =
        node.tagName === 'li' && last?.type === 'element' && last.tagName === 'p' ? last : node;
      into.children.push({
        type: 'element',
        tagName: 'a',
        properties: {
          className: ['paragraph-link'],
          href: `#${id}`,
          ariaLabel: `Link to paragraph: ${start}`,
          dataPagefindIgnore: '',
        },
        children: [],
      });
    });
  };
}
