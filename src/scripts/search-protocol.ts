/** The messages between the page (`search-client.ts`) and the search worker. */
import type { SearchOptions, SearchOutcome } from './search-engine';

/**
 * Articles loaded for a search at first; the reader can ask for more. Each costs a fetch of its
 * Pagefind fragment, so the first page stays small enough to show within a frame or two.
 */
export const PAGE_SIZE = 10;

export interface SearchRequest {
  id: number;
  query: string;
  options: SearchOptions;
  /** How many articles to return at most. */
  limit: number;
}

export type SearchResponse =
  | { id: number; outcome: SearchOutcome }
  | { id: number; superseded: true }
  | { id: number; error: string };
