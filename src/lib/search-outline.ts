/**
 * How an article's search record is laid out, shared by the indexer and the browser. No Node
 * imports: the search page bundles this.
 */

/** A block of the record: its anchor id ('' for the headline), kind, section index and words. */
export type OutlineBlock = [
  id: string,
  kind: 'headline' | 'section' | 'paragraph',
  section: number,
  words: number,
];

export interface ArticleOutline {
  title: string;
  published: string;
  sections: string[];
  /** In order; the record's content is their texts joined, so word positions map to blocks. */
  blocks: OutlineBlock[];
}

/** The meta field that carries the outline. */
export const outlineMeta = 'outline';

/** Words as Pagefind counts them for match positions: runs of non-space characters. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * Words that stand for a glossary name or a number in the index. They are made to be found by the
 * search page, never typed, and never shown: `zzn` or `zzd` and the id's letters and digits.
 */
export function nameToken(id: string): string {
  return `zzn${id.replace(/[^\p{L}\p{N}]/gu, '')}`;
}

/**
 * A glossary name in an article's title: ranks the article above those that only mention it.
 * It begins with the name's token, so Pagefind keeps the two in one index chunk (one fetch for
 * both searches), and a search for the name finds it too, in the headline, where the name is.
 */
export function titleNameToken(id: string): string {
  return `${nameToken(id)}zzh`;
}

/**
 * A number as a word of its own, ended so that Pagefind's prefix match finds it whole: `zzd2zz`
 * is not a beginning of `zzd2022zz` or `zzd29zz`. `form` is a folded word form with a digit.
 */
export function numberToken(form: string): string {
  return `zzd${form.replace(/[^\p{L}\p{N}]/gu, '')}zz`;
}

export function isToken(word: string): boolean {
  return /^zz[nd][\p{L}\p{N}]+$/u.test(word);
}
