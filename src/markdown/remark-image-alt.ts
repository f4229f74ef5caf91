import { readFileSync } from 'node:fs';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** What an editor writes as the alternative text of an image that is decorative on purpose. */
const DECORATIVE_ALT = '""';

/**
 * Every image in an article's body needs alternative text: one without fails the build, naming
 * the image and its line in the file. An image that is decorative on purpose says so:
 * `![""](./rule.png)` gives `alt=""`, which screen readers skip.
 */
export default function remarkImageAlt() {
  return (tree: Root, file: VFile) => {
    visit(tree, (node) => {
      if (node.type !== 'image' && node.type !== 'imageReference') return;
      const alt = node.alt?.trim() ?? '';
      if (alt === DECORATIVE_ALT) {
        node.alt = '';
        return;
      }
      if (alt !== '') return;
      const what = node.type === 'image' ? `"${node.url}"` : `[${node.label ?? node.identifier}]`;
      const line = node.position ? `line ${node.position.start.line + bodyOffset(file)}: ` : '';
      throw new Error(
        `${line}the image ${what} has no alt text: say what it shows, as in ![A map of the front line](./map.png), or write ![""](./file.png) if it is decorative on purpose`,
      );
    });
  };
}

/**
 * Lines of the file before the text the processor was given (the body, without the frontmatter
 * and with or without the blank lines around it, as the caller cut it): found by where that
 * text sits in the file, not by guessing what the caller left out.
 */
function bodyOffset(file: VFile): number {
  let source: string;
  try {
    source = file.path ? readFileSync(file.path, 'utf8') : '';
  } catch {
    return 0;
  }
  const body = String(file.value ?? '');
  const start = body.trim() === '' ? -1 : source.lastIndexOf(body);
  if (start < 0) return 0;
  return source.slice(0, start).split('\n').length - 1;
}
