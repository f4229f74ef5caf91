import type { Root } from 'hast';
import { visitParents } from 'unist-util-visit-parents';
import { isCitableBlock } from './citable';

const headings = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Gives headings and cited blocks `dir="auto"`, so a paragraph in Arabic or Hebrew inside an
 * article in another language reads right to left, and one in English inside an Arabic article
 * left to right: the browser takes the direction from the block's first strong letter.
 */
export default function rehypeDirAuto() {
  return (tree: Root) => {
    visitParents(tree, 'element', (node, ancestors) => {
      if (
        (headings.has(node.tagName) || isCitableBlock(node, ancestors)) &&
        node.properties['dir'] === undefined
      ) {
        node.properties['dir'] = 'auto';
      }
    });
  };
}
