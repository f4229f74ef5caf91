import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';
import { unspaced } from '../lib/segment';

/** At 230 words a minute, the usual figure for reading on screen. */
export const WORDS_PER_MINUTE = 230;

/** Scripts written without spaces: about two characters make a word. */
const unspacedLetters = new RegExp(unspaced.source, 'gu');

/** Words in `text`: runs between spaces, with unspaced scripts counted by their characters. */
export function countWords(text: string): number {
  const characters = text.match(unspacedLetters)?.length ?? 0;
  const spaced = text.replace(unspacedLetters, ' ').match(/\S+/g)?.length ?? 0;
  return spaced + Math.ceil(characters / 2);
}

/**
 * Gives the article `readingMinutes` in its frontmatter data (at least one), from the words a
 * reader sees. The page needs no copy of the Markdown source for it, so the content store
 * keeps none (`retainBody: false` in `src/content/loader.ts`).
 */
export default function rehypeReadingTime() {
  return (tree: Root, file: VFile) => {
    const minutes = Math.max(1, Math.round(countWords(toString(tree)) / WORDS_PER_MINUTE));
    const astro = (file.data['astro'] ??= {}) as { frontmatter?: Record<string, unknown> };
    astro.frontmatter = { ...astro.frontmatter, readingMinutes: minutes };
  };
}
