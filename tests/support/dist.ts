import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseHTML } from 'linkedom';
import { distDir } from './paths';

/** Every HTML file of the built site, as paths relative to dist/. */
export function builtPages(root = distDir): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .map((file) => relative(root, join(root, file)))
    .sort();
}

export function readPage(page: string, root = distDir): Document {
  return parseHTML(readFileSync(join(root, page), 'utf8')).document as unknown as Document;
}

/** Text with runs of white space folded, as a reader sees it. */
export function visibleText(node: Element | null): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
