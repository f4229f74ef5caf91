import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';

/** At 230 words a minute, the usual figure for reading on screen. */
export const WORDS_PER_MINUTE = 230;

/** Scripts written without spaces: about two characters make a word. */
const unspaced =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/gu;

/** Words in `text`: runs between spaces, with unspaced scripts counted by their characters. */
export function countWords(text: string): number {
  const characters = text.match(unspaced)?.length ?? 0;
  const spaced = text.replace(unspaced, ' ').match(/\S+/g)?.length ?? 0;
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
