import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

export interface Options {
  /** Ids the page template itself uses, such as `main`. */
  reserved: readonly string[];
}

/**
 * Keeps article ids clear of the ids the page template uses. A heading "Main" would otherwise
 * get the id `main`, the target of the skip link; it becomes `main-1`, the way GitHub's slugger
 * numbers repeats.
 */
export default function rehypeReservedIds({ reserved }: Options) {
  const taken = new Set(reserved);
  return (tree: Root) => {
    const used = new Set<string>();
    visit(tree, 'element', (node) => {
      if (typeof node.properties['id'] === 'string') used.add(node.properties['id']);
    });
    visit(tree, 'element', (node) => {
      const id = node.properties['id'];
      if (typeof id !== 'string' || !taken.has(id)) return;
      let suffix = 1;
      while (taken.has(`${id}-${suffix}`) || used.has(`${id}-${suffix}`)) suffix++;
      node.properties['id'] = `${id}-${suffix}`;
      used.add(`${id}-${suffix}`);
    });
  };
}
