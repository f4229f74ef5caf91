import type { NameMatch } from '../lib/names';
import {
  isToken,
  nameToken,
  numberToken,
  outlineMeta,
  titleNameToken,
  wordCount,
  type ArticleOutline,
} from '../lib/search-outline';
import { TAG_FILTER } from '../lib/search-parts';
import { wordForms } from '../lib/search-words';
import { segmentWords } from '../lib/segment';
import { readArticleBlocks } from './article-blocks';

/** What an article page declares about itself for the index, in `<article data-search>`. */
export interface ArticleSearchData {
  /** Site-relative address of the article, e.g. `/articles/x/`. */
  path: string;
  title: string;
  description: string;
  published: string;
  tags: string[];
  language: string;
}

/**
 * One Pagefind record per article. Pagefind's cost is per record (about 0.6 ms each, measured):
 * a record per paragraph made indexing 25 times slower. Results are still passages: the record's
 * content is the headline, the standfirst and every section heading and cited block in order,
 * and its outline (see `search-outline.ts`) lets the browser map each match back to its block.
 *
 * The outline rides in the record's meta, stored once in its fragment and loaded with it. Pagefind
 * also searches meta, but a match there has no word positions in the content: the search page
 * ignores such matches (see `search-engine.ts`). (It used to ride in a filter, which Pagefind
 * also writes into its filter index, where nothing read it.) Tags are a real Pagefind filter.
 */
export interface SearchRecord {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sort: Record<string, string>;
}

/**
 * A token for every number a block's words hold, in every form (`Mig-29`: `mig29` and `29`), so
 * that a search for `2` finds the blocks with 2 and not those with only 29 or 2022 (Pagefind
 * matches every word as a prefix).
 */
function numberTokens(text: string): string[] {
  const tokens = new Set<string>();
  for (const word of text.split(/\s+/)) {
    if (!/\p{N}/u.test(word)) continue;
    for (const form of wordForms(word)) if (/\p{N}/u.test(form)) tokens.add(numberToken(form));
  }
  return [...tokens];
}

/**
 * The record of one built article page, or none for a page without `<article data-search>`.
 * Each block's text ends with a token per glossary name it mentions, and the headline with one
 * per name in the title, so names are searched as words, in the block where they are.
 */
export function articleRecord(
  html: string,
  findNames: (text: string) => NameMatch[],
): SearchRecord | undefined {
  if (!html.includes('data-search=')) return undefined;
  const page = readArticleBlocks(html);
  if (!page) return undefined;
  const data = JSON.parse(page.data) as ArticleSearchData;

  /** A block as indexed: its words, broken where scripts have no spaces, then its name tokens. */
  const indexed = (text: string, extra: string[] = []) => {
    const names = [...new Set(findNames(text).map((match) => nameToken(match.entry.id)))];
    return [segmentWords(text), ...names, ...numberTokens(text), ...extra].join(' ');
  };

  const titleNames = [...new Set(findNames(data.title).map((match) => match.entry.id))];
  const headline = indexed(`${data.title}\n${data.description}`, titleNames.map(titleNameToken));
  const outline: ArticleOutline = {
    title: data.title,
    published: data.published,
    sections: [],
    blocks: [['', 'headline', -1, wordCount(headline)]],
  };
  const parts = [headline];
  for (const { id, tag, text: written } of page.blocks) {
    const text = written.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const isHeading = tag.startsWith('h');
    if (isHeading) outline.sections.push(text);
    const block = indexed(text);
    parts.push(block);
    outline.blocks.push([
      id,
      isHeading ? 'section' : 'paragraph',
      outline.sections.length - 1,
      wordCount(block),
    ]);
  }
  return {
    url: data.path,
    content: parts.join('\n'),
    meta: { [outlineMeta]: JSON.stringify(outline) },
    filters: { [TAG_FILTER]: data.tags },
    sort: { published: data.published },
  };
}

/**
 * The terms a record holds, for the word directory (`search-directory.ts`), each with how often
 * it is found: every form of every word (see `wordForms`) but numbers, and the name, title and
 * number tokens. The forms are what the search page checks a query's words against, so that a
 * word in no article is said to be so, and a misspelt one finds its closest spelling; the counts
 * are what a rare term's postings rank by.
 */
export function recordTerms(record: SearchRecord): Map<string, number> {
  const terms = new Map<string, number>();
  const count = (term: string) => terms.set(term, (terms.get(term) ?? 0) + 1);
  for (const word of record.content.split(/\s+/)) {
    if (!word) continue;
    if (isToken(word)) {
      count(word);
      continue;
    }
    // Numbers are left to their tokens (see `numberTokens`): they are most of an archive's
    // distinct words, and nothing is corrected to a number.
    for (const form of wordForms(word)) if (!/\p{N}/u.test(form)) count(form);
  }
  return terms;
}
