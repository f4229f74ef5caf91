import type { Element, Parents } from 'hast';

/**
 * The blocks a reader cites: paragraphs, list items and block quotes. A paragraph inside a list
 * item or a quote is part of that block, not a block of its own.
 */
export function isCitableBlock(node: Element, ancestors: readonly Parents[]): boolean {
  if (node.tagName === 'li' || node.tagName === 'blockquote') return true;
  if (node.tagName !== 'p') return false;
  return !ancestors.some(
    (ancestor) =>
      ancestor.type === 'element' &&
      (ancestor.tagName === 'li' || ancestor.tagName === 'blockquote'),
  );
}
