/**
 * The search interface, loaded only when a reader shows intent (see `search-intent.ts`): results
 * as you type under the header, or on the search page, where the address follows the query.
 * Everything from the index is put in the page as text nodes, never as HTML.
 */
import { appendMarked } from './highlight';
import type { SearchClient } from './search-client';
import type { Hit, SearchOptions, SearchOutcome } from './search-engine';
import { PAGE_SIZE } from './search-protocol';

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/** The link to a hit: its anchor, with the words to mark there. */
function hitHref(url: string, marked: string[]): string {
  const [path, hash = ''] = url.split('#');
  const params = new URLSearchParams();
  for (const word of marked) params.append('mark', word);
  const query = params.size > 0 ? `?${params}` : '';
  return `${path}${query}${hash ? `#${hash}` : ''}`;
}

function summary(outcome: SearchOutcome, raw: string): string {
  const shown = outcome.articles;
  const exact = shown.flatMap((a) => a.hits).filter((hit) => hit.complete).length;
  const parts: string[] = [];
  if (outcome.missing.length > 0) {
    const missing = outcome.missing
      .map((term) => (term.startsWith('"') ? term : `“${term}”`))
      .join(', ');
    parts.push(
      `No exact match: ${missing} ${outcome.missing.length === 1 ? 'is' : 'are'} in no article.`,
    );
  }
  if (shown.length === 0) {
    parts.push(`Nothing found for “${raw.trim()}”.`);
  } else if (outcome.total > shown.length) {
    parts.push(
      `${plural(outcome.total, 'article', 'articles')} match; the first ${shown.length} are shown.`,
    );
    if (outcome.partial) parts.push(`Passages with every word come first.`);
  } else {
    const where = plural(shown.length, 'article', 'articles');
    if (exact > 0)
      parts.push(
        `${plural(exact, 'passage', 'passages')} in ${where} ${exact === 1 ? 'matches' : 'match'}.`,
      );
    if (outcome.partial) parts.push(`${exact > 0 ? 'Then p' : 'P'}assages with some of the words.`);
  }
  return parts.join(' ');
}

/** Passages shown under each article when several match; the rest wait behind a disclosure. */
const PASSAGES_SHOWN = 3;

function hitItem(hit: Hit): HTMLLIElement {
  const entry = element('li', {
    class: hit.complete ? 'search-hit' : 'search-hit search-hit--partial',
  });
  const link = element('a', { href: hitHref(hit.url, hit.marked), class: 'search-hit__link' });
  const label =
    hit.kind === 'headline' ? 'Standfirst' : hit.kind === 'section' ? 'Section' : hit.section;
  if (label) link.append(element('span', { class: 'search-hit__section' }, label));
  const excerpt = element('span', { class: 'search-hit__text', dir: 'auto' });
  appendMarked(excerpt, hit.text, hit.marks);
  link.append(excerpt);
  entry.append(link);
  return entry;
}

function renderResults(list: HTMLElement, outcome: SearchOutcome): void {
  list.replaceChildren();
  // A single article shows every passage that matches.
  const shown = outcome.articles.length === 1 ? Infinity : PASSAGES_SHOWN;
  for (const article of outcome.articles) {
    const item = element('li', { class: 'search-result' });
    const heading = element('h2', { class: 'search-result__title', dir: 'auto' });
    const title = element('a', { href: article.url });
    appendMarked(title, article.title, article.titleMarks);
    heading.append(title);
    item.append(heading);
    if (article.published) {
      const date = new Date(
        article.published.length === 10 ? `${article.published}T00:00:00Z` : article.published,
      );
      const time = element('time', { datetime: article.published }, dateFormat.format(date));
      const meta = element('p', { class: 'search-result__date' });
      meta.append(time);
      item.append(meta);
    }
    const hits = element('ol', { class: 'search-result__hits' });
    hits.append(...article.hits.slice(0, shown).map(hitItem));
    item.append(hits);
    const more = article.hits.length - shown;
    if (more > 0) {
      const details = element('details', { class: 'search-result__more' });
      details.append(
        element('summary', {}, `${plural(more, 'more passage', 'more passages')} in this article`),
      );
      const rest = element('ol', { class: 'search-result__hits' });
      rest.append(...article.hits.slice(shown).map(hitItem));
      details.append(rest);
      item.append(details);
    }
    list.append(item);
  }
}

interface Elements {
  form: HTMLFormElement;
  input: HTMLInputElement;
  status: HTMLElement;
  list: HTMLElement;
  /** The panel under the header; absent on the search page. */
  panel?: HTMLElement | null | undefined;
  tag?: HTMLSelectElement | null | undefined;
  sort?: HTMLSelectElement | null | undefined;
}

export function startSearch(search: SearchClient, elements: Elements): void {
  const { form, input, status, list, panel, tag, sort } = elements;
  const onSearchPage = !panel;
  let latest = 0;
  /** How many articles the reader has asked to see for the current search. */
  let limit = PAGE_SIZE;
  /** After "Show more", where focus goes once the longer list is in. */
  let focusAt: number | undefined;
  const more = element('button', { type: 'button', class: 'search-more' }, 'Show more results');
  more.hidden = true;
  list.after(more);

  const options = (): SearchOptions => ({
    tag: tag?.value || undefined,
    sort: sort?.value === 'date' ? 'date' : 'relevance',
  });

  /** The search page's address: `?q=...&tag=...&sort=date`, shareable. */
  const address = (): string => {
    const params = new URLSearchParams();
    if (input.value.trim()) params.set('q', input.value.trim());
    if (tag?.value) params.set('tag', tag.value);
    if (sort?.value === 'date') params.set('sort', 'date');
    return params.size > 0 ? `?${params}` : location.pathname;
  };

  async function run(): Promise<void> {
    const ticket = ++latest;
    const raw = input.value;
    if (!raw.trim()) {
      list.replaceChildren();
      list.dataset['query'] = '';
      status.textContent = '';
      more.hidden = true;
      if (panel) panel.hidden = true;
      return;
    }
    const outcome = await search.search(raw, options(), limit);
    // A newer keystroke already has its own search running (or replaced this one).
    if (!outcome || ticket !== latest) return;
    // A reader who arrowed into the results of a shorter query keeps their place when the
    // results of the whole query replace them, instead of losing focus to the page.
    // ("Show more results" puts focus on the first new article instead, below.)
    const focused =
      focusAt === undefined ? stops().indexOf(document.activeElement as HTMLElement) : -1;
    renderResults(list, outcome);
    more.hidden = outcome.total <= outcome.articles.length;
    if (focused >= 0) {
      const after = stops();
      (after[Math.min(focused, after.length - 1)] ?? input).focus();
    }
    if (focusAt !== undefined) {
      list.children[focusAt]?.querySelector('a')?.focus();
      focusAt = undefined;
    }
    // Which search the list shows: lets tests and tools wait for the right results.
    list.dataset['query'] = `${raw}|${options().tag ?? ''}|${options().sort}`;
    status.textContent = summary(outcome, raw);
    if (panel) panel.hidden = false;
  }

  // History on the search page: typing rewrites the current entry, so Back does not step
  // through every keystroke; Enter or a new filter keeps the search as an entry of its own, and
  // the next keystroke starts a new one.
  let draft = !new URLSearchParams(location.search).has('q');
  const remember = (kind: 'typing' | 'commit') => {
    if (!onSearchPage) return;
    if (kind === 'typing' && !draft) history.pushState(null, '', address());
    else if (location.search !== new URL(address(), location.href).search)
      history.replaceState(null, '', address());
    draft = kind === 'typing';
  };

  /** A new search starts again from the first page of results. */
  const rerun = () => {
    limit = PAGE_SIZE;
    return run();
  };

  input.addEventListener('input', () => {
    remember('typing');
    void rerun();
  });
  for (const select of [tag, sort]) {
    select?.addEventListener('change', () => {
      draft = false;
      history.pushState(null, '', address());
      void rerun();
    });
  }
  more.addEventListener('click', () => {
    focusAt = list.children.length;
    limit += PAGE_SIZE;
    void run();
  });

  form.addEventListener('submit', (event) => {
    if (!onSearchPage) return; // Elsewhere the form goes to the search page.
    event.preventDefault();
    remember('commit');
    void rerun();
  });

  /** What the arrow keys move through: result links, "more passages" and "Show more results". */
  const stops = () => [
    // Not the links inside a closed disclosure: they cannot take focus.
    ...[...list.querySelectorAll<HTMLElement>('a, summary')].filter(
      (element) => !element.closest('details:not([open]) > :not(summary)'),
    ),
    ...(more.hidden ? [] : [more]),
  ];
  const container = panel ?? list;
  const onKey = (event: KeyboardEvent) => {
    const all = stops();
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (all.length === 0) return;
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? Math.min(at + 1, all.length - 1) : at - 1;
      if (next < 0) input.focus();
      else all[next]!.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      input.value = '';
      remember('typing');
      void rerun();
      input.focus();
    }
  };
  input.addEventListener('keydown', onKey);
  container.addEventListener('keydown', onKey);
  if (!panel) more.addEventListener('keydown', onKey); // In the panel, the container has it.

  if (onSearchPage) {
    const restore = () => {
      const params = new URLSearchParams(location.search);
      input.value = params.get('q') ?? '';
      const wantedTag = params.get('tag') ?? '';
      if (tag) {
        // A shared address may name a tag no article has any more: keep it, and find nothing.
        if (wantedTag && ![...tag.options].some((option) => option.value === wantedTag)) {
          tag.append(element('option', { value: wantedTag }, `${wantedTag} (0)`));
        }
        tag.value = wantedTag;
      }
      if (sort) sort.value = params.get('sort') === 'date' ? 'date' : 'relevance';
      void rerun();
    };
    addEventListener('popstate', () => {
      draft = false;
      restore();
    });
    if (!new URLSearchParams(location.search).has('q') && input.value.trim()) {
      // The reader typed while the search was loading.
      history.replaceState(null, '', address());
    }
    restore();
  } else {
    // Close the panel when focus leaves the search.
    document.addEventListener('focusin', (event) => {
      if (panel && !form.contains(event.target as Node) && !panel.contains(event.target as Node))
        panel.hidden = true;
    });
    input.addEventListener('focus', () => {
      if (panel && input.value.trim()) panel.hidden = false;
    });
    if (input.value.trim()) void rerun();
  }
  form.dataset['searchReady'] = '';
}
