/**
 * On every page, and tiny: waits for a sign that the reader wants to search (the pointer over the
 * search form, focus or typing in the search box, `/`, or opening the search page) and only then
 * loads the search code and Pagefind's index: its code, WebAssembly and the parts' metadata load
 * while the pointer travels or the first key is pressed. A plain article view fetches none of it.
 */
import { templateIds } from '../lib/template-ids';
import { searchClient, startSearchWorker } from './search-client';
import { loadResultsStyles } from './search-styles';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null;
const form = byId<HTMLFormElement>(templateIds.searchForm);
const input = byId<HTMLInputElement>(templateIds.searchInput);
const onSearchPage = document.body.hasAttribute('data-search-page');
let started: Promise<void> | undefined;

function start(): Promise<void> {
  if (started) return started;
  // The worker starts loading the index at once, while the interface code loads.
  const search = searchClient(startSearchWorker());
  started = Promise.all([import('./search-ui'), loadResultsStyles()]).then(([{ startSearch }]) =>
    startSearch(search, {
      form: form!,
      input: input!,
      status: byId(templateIds.searchStatus)!,
      list: byId(templateIds.searchResults)!,
      panel: onSearchPage ? undefined : byId(templateIds.searchPanel),
      tag: byId<HTMLSelectElement>(templateIds.searchTag),
      sort: byId<HTMLSelectElement>(templateIds.searchSort),
    }),
  );
  return started;
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

if (form && input) {
  input.addEventListener('focus', () => void start(), { once: true });
  form.addEventListener('pointerenter', () => void start(), { once: true });
  document.addEventListener('keydown', (event) => {
    if (
      event.key === '/' &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey &&
      !isTyping(event.target)
    ) {
      event.preventDefault();
      input.focus();
    }
  });
  if (onSearchPage) {
    // Show the query from the address at once; the search itself follows when loaded.
    input.value = new URLSearchParams(location.search).get('q') ?? input.value;
    for (const note of document.querySelectorAll('[data-needs-javascript]')) note.remove();
    void start();
  }
}
