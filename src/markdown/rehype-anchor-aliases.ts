import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

/**
 * Keeps old links working after an id changes. The article's frontmatter maps old ids to
 * current ones:
 *
 * ```yaml
 * aliases:
 *   fighter-jets: jets-and-aircraft
 * ```
 *
 * Each old id becomes an empty `<span id="fighter-jets" class="anchor-alias">` at the start of
 * the element that now has `jets-and-aircraft`, so the old link lands there with no JavaScript.
 * An alias that points at no element, or that is still an id in use, fails the build.
 */
export default function rehypeAnchorAliases() {
  return (tree: Root, file: VFile) => {
    const aliases = readAliases(file);
    if (aliases.length === 0) return;
    const byId = new Map<string, Element>();
    visit(tree, 'element', (node) => {
      if (typeof node.properties['id'] === 'string') byId.set(node.properties['id'], node);
    });
    for (const [oldId, currentId] of aliases) {
      const where = `${file.path}: aliases: ${oldId}: ${currentId}`;
      if (byId.has(oldId)) throw new Error(`${where}: "${oldId}" is still an id in this article`);
      const target = byId.get(currentId);
      if (!target)
        throw new Error(`${where}: no element in this article has the id "${currentId}"`);
      target.children.unshift({
        type: 'element',
        tagName: 'span',
        properties: { id: oldId, className: ['anchor-alias'] },
        children: [],
      });
    }
  };
}

function readAliases(file: VFile): [string, string][] {
  const astro = file.data['astro'] as { frontmatter?: { aliases?: unknown } } | undefined;
  const aliases = astro?.frontmatter?.aliases;
  if (aliases === null || typeof aliases !== 'object') return [];
  return Object.entries(aliases).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
}
