import type { Root } from 'hast';
import rehypeRaw, { type Options } from 'rehype-raw';
import { EXIT, visit } from 'unist-util-visit';

/**
 * rehype-raw, run only on a tree that holds raw HTML (a `raw` node, as remark-rehype leaves
 * HTML written in the Markdown). rehype-raw takes the whole tree through an HTML parser and back
 * whatever it holds; most articles hold no HTML, and for them that is the same tree again.
 */
export default function rehypeRawWhereNeeded(options?: Options) {
  const raw = rehypeRaw(options);
  return (tree: Root, file: Parameters<typeof raw>[1]): Root | undefined => {
    let found = false;
    visit(tree, 'raw', () => {
      found = true;
      return EXIT;
    });
    return found ? raw(tree, file) : undefined;
  };
}
