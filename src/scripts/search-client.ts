/**
 * The page's side of the search worker: starts it (which begins loading Pagefind at once) and
 * turns requests and replies into promises. `startSearchWorker` is tiny and has no imports, so the
 * page's own script starts the worker before the search interface has loaded. A search that a newer one replaced before it ran
 * resolves to `undefined`. First answers, while older parts of the index are still searched, go
 * to `onProgress`.
 */
import type { SearchOptions, SearchOutcome } from './search-engine';
import type { SearchRequest, SearchResponse } from './search-protocol';

export interface SearchClient {
  search(
    query: string,
    options: SearchOptions,
    limit: number,
    onProgress?: (outcome: SearchOutcome) => void,
  ): Promise<SearchOutcome | undefined>;
}

/** The search worker (`search-worker.ts`), started: it begins loading the index at once. */
export function startSearchWorker(): Worker {
  return new Worker(new URL('./search-worker.ts', import.meta.url), {
    type: 'module',
    name: 'search',
  });
}

/** Requests to a started search worker, as promises. */
export function searchClient(worker: Worker): SearchClient {
  const pending = new Map<number, (response: SearchResponse) => void>();
  let next = 0;
  worker.addEventListener('message', (event: MessageEvent<SearchResponse>) => {
    pending.get(event.data.id)?.(event.data);
  });
  return {
    search(query, options, limit, onProgress) {
      const request: SearchRequest = { id: ++next, query, options, limit };
      return new Promise((resolve, reject) => {
        pending.set(request.id, (response) => {
          if ('outcome' in response && response.progress) {
            onProgress?.(response.outcome);
            return;
          }
          pending.delete(request.id);
          if ('outcome' in response) resolve(response.outcome);
          else if ('error' in response) reject(new Error(response.error));
          else resolve(undefined);
        });
        worker.postMessage(request);
      });
    },
  };
}
