import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { isLocalImage } from '../lib/pictures';

/**
 * Why an article's picture cannot be published, or undefined when its file is there. Astro
 * would stop on a missing file too, but its error names only the image, not the article.
 */
export function missingImageFile(articleFile: string, src: string): string | undefined {
  if (!isLocalImage(src)) return undefined;
  let path: string;
  try {
    path = resolve(dirname(articleFile), decodeURI(src.split(/[?#]/)[0]!));
  } catch {
    path = resolve(dirname(articleFile), src);
  }
  if (existsSync(path) && statSync(path).isFile()) return undefined;
  const shown = relative(process.cwd(), path);
  return `the image "${src}" is not there: no file ${shown.startsWith('..') || isAbsolute(shown) ? path : shown}`;
}
