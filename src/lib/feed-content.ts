/**
 * An article's body as a feed's full text (`content:encoded`). Feed readers show it away from
 * the site, without its styles or scripts: every address is made absolute (a paragraph's
 * `#p-…` becomes the article's address with it), and what only the page uses goes: the empty
 * ¶ and # links, the old-id markers and the data attributes for the page's scripts.
 */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { SKIP, visit } from 'unist-util-visit';
import { CREDIT_LABEL } from './pictures';
import type { ShareImage } from './share-image';

/** What the page's own furniture is marked with. */
const PAGE_ONLY = ['paragraph-link', 'heading-anchor', 'anchor-alias'];

function classes(element: Element): string[] {
  const value = element.properties['className'];
  return Array.isArray(value) ? value.map(String) : [];
}

function absolute(value: string, base: URL): string {
  try {
    return new URL(value, base).href;
  } catch {
    return value;
  }
}

export function feedHtml(html: string, articleUrl: URL): string {
  const tree: Root = fromHtml(html, { fragment: true });
  visit(tree, 'element', (element, index, parent) => {
    if (
      classes(element).some((name) => PAGE_ONLY.includes(name)) &&
      parent &&
      index !== undefined
    ) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    const { properties } = element;
    for (const key of Object.keys(properties)) {
      if (/^data[A-Z]/.test(key)) delete properties[key];
    }
    for (const key of ['href', 'src'] as const) {
      const value = properties[key];
      if (typeof value === 'string') properties[key] = absolute(value, articleUrl);
    }
    const srcset = properties['srcSet'];
    if (srcset !== undefined && srcset !== null) {
      const candidates = Array.isArray(srcset) ? srcset.map(String) : String(srcset).split(',');
      properties['srcSet'] = candidates
        .map((candidate) => {
          const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
          return [absolute(url, articleUrl), ...descriptor].join(' ');
        })
        .join(', ');
    }
    return undefined;
  });
  return toHtml(tree);
}

/** The lead picture at the head of the full text, as the page shows it: captioned and credited. */
export function leadFigureHtml(image: ShareImage): string {
  const caption = [
    ...(image.caption ? [image.caption] : []),
    ...(image.credit ? [`${CREDIT_LABEL} ${image.credit}`] : []),
  ].join(' ');
  const figure: Element = {
    type: 'element',
    tagName: 'figure',
    properties: {},
    children: [
      {
        type: 'element',
        tagName: 'img',
        properties: { src: image.url, alt: image.alt, width: image.width, height: image.height },
        children: [],
      },
      ...(caption
        ? [
            {
              type: 'element' as const,
              tagName: 'figcaption',
              properties: {},
              children: [{ type: 'text' as const, value: caption }],
            },
          ]
        : []),
    ],
  };
  return toHtml(figure);
}
