/**
 * What the lead image and the pictures in an article's body agree on: which addresses are the
 * article's own files, how a Markdown image title splits into caption and credit, and the widths
 * the image pipeline makes for the article's column.
 *
 * Imported by the Markdown workers (src/markdown/render-worker.ts): erasable TypeScript only.
 */

/**
 * A file beside the article (`./map.png`, `images/map.png`), as Astro's own Markdown image
 * collection reads it: neither a URL nor a path from the site's root.
 */
export function isLocalImage(src: string): boolean {
  return !URL.canParse(src) && !src.startsWith('/');
}

/** `Caption. Credit: Name` in a Markdown image title: the credit follows the first `Credit:`. */
const creditPattern = /^(.*?)\s*\bCredit:\s*(.*?)\s*$/s;

/** A Markdown image title as caption and credit, either of which may be missing. */
export function captionAndCredit(title: string | undefined): { caption?: string; credit?: string } {
  const text = title?.trim() ?? '';
  const match = creditPattern.exec(text);
  const caption = (match ? match[1]! : text).trim();
  const credit = match?.[2]?.trim() ?? '';
  return { ...(caption ? { caption } : {}), ...(credit ? { credit } : {}) };
}

/** The word shown before a credit in a figure's caption. */
export const CREDIT_LABEL = 'Credit:';

/**
 * Widths made of a picture in the article's column (never wider than the file itself), and
 * the `sizes` that tells the browser how wide the column is: `--column` in global.css (42.5rem)
 * less 2rem of padding, or the viewport less the padding on a phone.
 */
export const COLUMN_WIDTHS = [360, 720, 1080, 1440];
export const COLUMN_SIZES = '(min-width: 42.5rem) 40.5rem, calc(100vw - 2rem)';

/** The picture beside an article in a list: a thumbnail. */
export const THUMBNAIL_WIDTHS = [160, 320, 480];
export const THUMBNAIL_SIZES = '(min-width: 40rem) 10rem, 6.5rem';

/** Width of the picture for og:image and JSON-LD: what link previews ask for. */
export const SHARE_WIDTH = 1200;
