import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visitParents } from 'unist-util-visit-parents';
import { isCitableBlock } from './citable';
import { PARAGRAPH_ID_PREFIX, encodeFingerprint, fingerprint } from './fingerprint';

/**
 * Gives every citable block (see `citable.ts`) an id made from its content's fingerprint,
 * `p-` and 26 characters: no position number, the same on every build of the same text, and
 * close to the old one after a small correction (see `fingerprint.ts`).
 *
 * A block with an id already (pinned by the editor) keeps it, and carries its fingerprint in
 * `data-fingerprint` so links made before the pin still find it. Identical blocks get `-2`, `-3`.
 */
export default function rehypeParagraphIds() {
  return (tree: Root) => {
    const used = new Set<string>();
    visitParents(tree, 'element', (node) => {
      if (typeof node.properties['id'] === 'string') used.add(node.properties['id']);
    });
    visitParents(tree, 'element', (node, ancestors) => {
      if (!isCitableBlock(node, ancestors)) return;
      const code = encodeFingerprint(fingerprint(toString(node)));
      if (typeof node.properties['id'] === 'string') {
        node.properties['dataFingerprint'] = code;
        return;
      }
      let id = PARAGRAPH_ID_PREFIX + code;
      for (let repeat = 2; used.has(id); repeat++) id = `${PARAGRAPH_ID_PREFIX}${code}-${repeat}`;
      used.add(id);
      node.properties['id'] = id;
    });
  };
}
