import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Element, ElementContent, Root, Text } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import {
  COLUMN_SIZES,
  COLUMN_WIDTHS,
  CREDIT_LABEL,
  captionAndCredit,
  isLocalImage,
} from '../lib/pictures';

/** What Astro's image step (after this plugin) looks for in the HTML, and how it marks images. */
const ASTRO_IMAGE_MARK = '__ASTRO_IMAGE_';

/**
 * Pictures in an article's body, written in standard Markdown: `![alt](./file.png "Caption")`.
 *
 * - An image alone in its paragraph becomes a `<figure>`; its title becomes the `<figcaption>`,
 *   split into caption and credit at `Credit:` ("Aid pledged. Credit: Dispatch").
 * - Every image loads lazily: the lead image, the one picture above the fold, is not in the body.
 * - A file beside the article is left to Astro's own image step (`rehypeImages`, after the site's
 *   plugins), with the widths and sizes of the column: the page turns it into an optimised
 *   `srcset` when it renders the body (`render()` from `astro:content`).
 * - A local image written as raw HTML (`<img src="./map.png" alt="...">`), which Astro does not
 *   collect, joins Astro's list when its file is there, and so goes through the same step; it
 *   needs an `alt` too.
 * - Text that reads like Astro's image mark (an article about Astro, say) is split by an empty
 *   comment, so that no text can be taken for an image when the page renders.
 */
export default function rehypeFigures() {
  return (tree: Root, file: VFile) => {
    const localPaths = new Set<string>(collected(file));
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'p' || !parent || index === undefined) return;
      const image = loneImage(node);
      if (!image) return;
      parent.children[index] = figure(image);
      return SKIP;
    });
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'img') return;
      const src = typeof node.properties['src'] === 'string' ? node.properties['src'] : '';
      node.properties['loading'] = 'lazy';
      node.properties['decoding'] = 'async';
      if (!isLocalImage(src)) return;
      if (!localPaths.has(safeDecode(src))) {
        // Raw HTML: Astro collects only Markdown's images. A file that is there goes through
        // the same pipeline; an address to no file is left as written, as raw HTML is.
        if (!fileBeside(file, src)) return;
        if (typeof node.properties['alt'] !== 'string') {
          throw new Error(
            `the image "${src}" has no alt text: say what it shows, as in <img src="${src}" alt="A map of the front line">, or write alt="" if it is decorative on purpose`,
          );
        }
        collected(file).push(safeDecode(src));
        localPaths.add(safeDecode(src));
      }
      // Astro's image step hands every property to getImage(): a list of widths makes a srcset
      // (hast types `widths` as SVG's attribute, a string).
      (node.properties as Record<string, unknown>)['widths'] = [...COLUMN_WIDTHS];
      node.properties['sizes'] = COLUMN_SIZES;
    });
    visit(tree, 'text', (node, index, parent) => {
      if (!parent || index === undefined || !node.value.includes(ASTRO_IMAGE_MARK)) return;
      const pieces: ElementContent[] = [];
      node.value.split(ASTRO_IMAGE_MARK).forEach((piece, at) => {
        if (at > 0)
          pieces.push({ type: 'text', value: ASTRO_IMAGE_MARK }, { type: 'comment', value: '' });
        if (piece) pieces.push({ type: 'text', value: piece });
      });
      parent.children.splice(index, 1, ...pieces);
      return index + pieces.length;
    });
  };
}

/** The image that is a paragraph's only content, if it is. */
function loneImage(paragraph: Element): Element | undefined {
  const content = paragraph.children.filter(
    (child) => !(child.type === 'text' && child.value.trim() === ''),
  );
  const [only] = content;
  return content.length === 1 && only?.type === 'element' && only.tagName === 'img'
    ? only
    : undefined;
}

function figure(image: Element): Element {
  const title = image.properties['title'];
  delete image.properties['title'];
  const { caption, credit } = captionAndCredit(typeof title === 'string' ? title : undefined);
  const text = (value: string): Text => ({ type: 'text', value });
  const parts: ElementContent[] = [];
  if (caption) {
    parts.push({
      type: 'element',
      tagName: 'span',
      properties: { className: ['figure__caption'] },
      children: [text(caption)],
    });
  }
  if (credit) {
    if (parts.length > 0) parts.push(text(' '));
    parts.push({
      type: 'element',
      tagName: 'span',
      properties: { className: ['figure__credit'] },
      children: [text(`${CREDIT_LABEL} ${credit}`)],
    });
  }
  return {
    type: 'element',
    tagName: 'figure',
    properties: { className: ['figure'] },
    children: [
      image,
      ...(parts.length > 0
        ? [{ type: 'element', tagName: 'figcaption', properties: {}, children: parts } as Element]
        : []),
    ],
  };
}

/** The local images Astro collected from the Markdown (`remarkCollectImages`), to add to. */
function collected(file: VFile): string[] {
  const data = file.data as { astro?: { localImagePaths?: string[] } };
  data.astro ??= {};
  data.astro.localImagePaths ??= [];
  return data.astro.localImagePaths;
}

function fileBeside(file: VFile, src: string): boolean {
  if (!file.path) return false;
  const path = resolve(dirname(file.path), safeDecode(src).split(/[?#]/)[0]!);
  return existsSync(path) && statSync(path).isFile();
}

function safeDecode(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}
