/**
 * The search results' stylesheet (src/styles/search-results.css), added to the page when the
 * reader starts a search, not before: a page where nobody searches never fetches it. Imported as
 * a URL, so Astro does not put it into every page's styles.
 */
import href from '../styles/search-results.css?url';

let loaded: Promise<void> | undefined;

/** Resolves once the stylesheet applies (or failed to load: results still show, plainer). */
export function loadResultsStyles(): Promise<void> {
  loaded ??= new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => resolve(), { once: true });
    document.head.append(link);
  });
  return loaded;
}
