/**
 * The one script of every page, and small. Search waits for intent before loading anything more
 * (search-intent.ts). The paragraph-link code (paragraph-anchors.ts) is fetched when an article
 * page has something for it to do: a fragment or words to mark on arrival, or a reader who
 * scrolls or uses the page, and so may follow or copy a passage's link next (the code is then at
 * hand when the connection drops). A first view that only reads the top fetches neither.
 */
import './search-intent';
import './print-addresses';
import { linkAnchor } from './link-anchor';

const body = document.querySelector<HTMLElement>('.article-body');

if (body) {
  let anchors: Promise<typeof import('./paragraph-anchors')> | undefined;
  /** Once loaded, the module lands on the address's fragment and handles every click. */
  let loaded = false;
  const load = () =>
    (anchors ??= import('./paragraph-anchors').then((module) => {
      loaded = true;
      return module;
    }));
  if (location.hash || new URLSearchParams(location.search).has('mark')) void load();
  else {
    const intents = ['scroll', 'pointerdown', 'keydown', 'hashchange'] as const;
    const onIntent = () => {
      for (const intent of intents) removeEventListener(intent, onIntent);
      void load();
    };
    for (const intent of intents) addEventListener(intent, onIntent, { passive: true });
    // A click on ¶ or # that comes before the code: it is followed once the code is in.
    body.addEventListener('click', (event) => {
      const anchor = loaded ? undefined : linkAnchor(event);
      if (!anchor) return;
      event.preventDefault();
      void load().then(({ follow }) => follow(anchor));
    });
  }
}
