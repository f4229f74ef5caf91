/** The messages between the page (`search-client.ts`) and the search worker. */
import type { SearchOptions, SearchOutcome } from './search-engine';

/**
 * Articles loaded for a search at first; the reader can ask for more. Each costs a fetch of its
 * Pagefind fragment, so the first page stays small enough to show within a frame or two.
 */
export const PAGE_SIZE = 10;

/**
 * Letters from which a word is also searched as the beginning of longer ones (`Kyi` finds Kyiv).
 * Fewer begin hundreds of words, which Pagefind's search matches every one of (up to 200 ms of
 * the worker at 20,000 articles, which no later key can stop); a reader typing them is still on
 * the word. A word of fewer letters is found only whole.
 */
export const BEGINNING_LETTERS = 3;

export interface SearchRequest {
  id: number;
  query: string;
  options: SearchOptions;
  /** How many articles to return at most. */
  limit: number;
}

export type SearchResponse =
  /** With `progress`, a first answer from the newer parts of the index; the final one follows. */
  | { id: number; outcome: SearchOutcome; progress?: true }
  | { id: number; superseded: true }
  | { id: number; error: string };
