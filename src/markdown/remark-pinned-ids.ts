import type { Heading, Nodes, Paragraph, Root } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';
// Brings in the `hProperties` field that remark-rehype copies onto the HTML element.
import type {} from 'mdast-util-to-hast';

/** `{#my-id}` at the very end of a paragraph or heading. */
const pinnedIdPattern = /[ \t]*\{#([\p{L}\p{N}][\p{L}\p{N}_-]*)\}[ \t]*$/u;

/**
 * Lets an editor pin an explicit id on a paragraph or heading by ending it with `{#my-id}`.
 *
 * A pinned id never changes when the text does. The `{#...}` is removed from the text. On a
 * paragraph inside a list item or a block quote, the id goes on that item or quote, the block a
 * reader cites (see `citable.ts`).
 */
export default function remarkPinnedIds() {
  return (tree: Root) => {
    visitParents(tree, (node, ancestors) => {
      if (node.type !== 'paragraph' && node.type !== 'heading') return;
      const id = takePinnedId(node);
      if (!id) return;
      const holder =
        node.type === 'paragraph'
          ? (ancestors.findLast(
              (ancestor): ancestor is Extract<Nodes, { type: 'listItem' | 'blockquote' }> =>
                ancestor.type === 'listItem' || ancestor.type === 'blockquote',
            ) ?? node)
          : node;
      holder.data = { ...holder.data, hProperties: { ...holder.data?.hProperties, id } };
    });
  };
}

function takePinnedId(node: Paragraph | Heading): string | undefined {
  const last = node.children.at(-1);
  if (last?.type !== 'text') return undefined;
  const match = pinnedIdPattern.exec(last.value);
  if (!match) return undefined;
  last.value = last.value.slice(0, match.index);
  if (last.value === '') node.children.pop();
  return match[1];
}
