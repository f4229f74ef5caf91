import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';

const headings = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

const isAnchor = (node: Element['children'][number]) =>
  node.type === 'element' &&
  Array.isArray(node.properties['className']) &&
  node.properties['className'].includes('heading-anchor');

/**
 * Names each heading that holds a section anchor by its own text alone. A heading takes its
 * accessible name from everything inside it, the anchor's "Link to section: ..." label too, so
 * a screen reader's list of headings would read every one twice. Runs after
 * rehype-autolink-headings has appended the anchors.
 */
export default function rehypeHeadingNames() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      if (!headings.has(node.tagName) || !node.children.some(isAnchor)) return;
      const text = toString({ ...node, children: node.children.filter((c) => !isAnchor(c)) });
      node.properties['ariaLabel'] = text.replace(/\s+/g, ' ').trim();
    });
  };
}
