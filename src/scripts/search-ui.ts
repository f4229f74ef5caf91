/**
 * The search interface, loaded only when a reader shows intent (see `search-intent.ts`): results
 * as you type under the header, or on the search page, where the address follows the query.
 * Everything from the index is put in the page as text nodes, never as HTML.
 */
import { plural } from '../lib/plural';
import { appendMarked, excerpt } from './highlight';
import type { SearchClient } from './search-client';
import type { ArticleResult, Hit, SearchOptions, SearchOutcome } from './search-engine';
import { BEGINNING_LETTERS, PAGE_SIZE } from './search-protocol';

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

/** A day names itself; an instant is shown as the day it was in the site's zone (`src/site.ts`). */
const dayFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
let instantFormat: Intl.DateTimeFormat | undefined;

function formatPublished(published: string): string {
  if (published.length === 10) return dayFormat.format(new Date(`${published}T00:00:00Z`));
  instantFormat ??= new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeZone: document.documentElement.dataset['timeZone'] ?? 'UTC',
  });
  return instantFormat.format(new Date(published));
}

/** The link to a hit: its anchor, with the words to mark there. */
function hitHref(url: string, marked: string[]): string {
  const [path, hash = ''] = url.split('#');
  const params = new URLSearchParams();
  for (const word of marked) params.append('mark', word);
  const query = params.size > 0 ? `?${params}` : '';
  return `${path}${query}${hash ? `#${hash}` : ''}`;
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Passages holding every part of the query, if any; else all of them. */
function split(outcome: SearchOutcome): { complete: ArticleResult[]; partial: ArticleResult[] } {
  const only = (complete: boolean) =>
    outcome.articles
      .map((article) => ({
        ...article,
        hits: article.hits.filter((hit) => hit.complete === complete),
      }))
      .filter((article) => article.hits.length > 0);
  const complete = only(true);
  return complete.length > 0
    ? { complete, partial: only(false) }
    : { complete: outcome.articles, partial: [] };
}

const passages = (articles: ArticleResult[]) =>
  articles.reduce((sum, article) => sum + article.hits.length, 0);

/** The one status line: what was searched, what is in no article, and how much was found. */
function summary(outcome: SearchOutcome, raw: string): string {
  const parts: string[] = [];
  const unfinished = outcome.unfinished ?? [];
  if (outcome.articles.length === 0 && outcome.missing.length === 0 && unfinished.length > 0) {
    const words = listed(unfinished.map((word) => `“${word}”`));
    return `${words}: a word is searched once it has ${BEGINNING_LETTERS} letters.`;
  }
  if (outcome.missing.length > 0) {
    const missing = outcome.missing.map((term) => (term.startsWith('"') ? term : `“${term}”`));
    parts.push(`${listed(missing)} ${missing.length === 1 ? 'is' : 'are'} in no article.`);
  }
  const { complete } = split(outcome);
  const some = !outcome.articles.some((article) => article.hits.some((hit) => hit.complete));
  const count = passages(complete);
  const found = `${plural(count, 'passage', 'passages')} in ${plural(complete.length, 'article', 'articles')}`;
  if (outcome.articles.length === 0) {
    if (outcome.missing.length === 0) parts.push(`Nothing found for “${raw.trim()}”.`);
  } else if (!some) {
    parts.push(
      outcome.complete > complete.length || !outcome.exhaustive
        ? `${outcome.exhaustive ? '' : 'At least '}${outcome.complete} articles match; the first ${complete.length} are shown.`
        : `${found} ${count === 1 ? 'matches' : 'match'}.`,
    );
  } else {
    const more = outcome.total > outcome.articles.length || !outcome.exhaustive;
    const which = more
      ? `${outcome.exhaustive ? '' : 'At least '}${outcome.total} articles have some of the words; the first ${outcome.articles.length} are shown.`
      : `${found} ${count === 1 ? 'has' : 'have'} only some of the words.`;
    parts.push(outcome.missing.length > 0 ? which : `No passage has every word; ${which}`);
  }
  // A first answer: the count grows as the older parts of the index answer.
  if (outcome.searching) parts.push('Searching older articles…');
  return parts.join(' ');
}

/** Passages shown under each article when several match; the rest wait behind a disclosure. */
const PASSAGES_SHOWN = 3;

/** In the panel under the header, passages are cut to excerpts about this long (characters). */
const PANEL_EXCERPT = 160;

function hitItem(hit: Hit, compact: boolean): HTMLLIElement {
  const entry = element('li', {
    class: hit.complete ? 'search-hit' : 'search-hit search-hit--partial',
  });
  const link = element('a', { href: hitHref(hit.url, hit.marked), class: 'search-hit__link' });
  const label =
    hit.kind === 'headline' ? 'Standfirst' : hit.kind === 'section' ? 'Section' : hit.section;
  if (label) link.append(element('span', { class: 'search-hit__section' }, label));
  const text = element('span', { class: 'search-hit__text', dir: 'auto' });
  const shown = compact
    ? excerpt(hit.text, hit.marks, PANEL_EXCERPT)
    : { text: hit.text, ranges: hit.marks };
  appendMarked(text, shown.text, shown.ranges);
  link.append(text);
  entry.append(link);
  return entry;
}

function articleItem(article: ArticleResult, shown: number, compact: boolean): HTMLLIElement {
  const item = element('li', { class: 'search-result' });
  const heading = element('h2', { class: 'search-result__title', dir: 'auto' });
  const title = element('a', { href: article.url });
  appendMarked(title, article.title, article.titleMarks);
  heading.append(title);
  item.append(heading);
  if (article.published) {
    const time = element(
      'time',
      { datetime: article.published },
      formatPublished(article.published),
    );
    const meta = element('p', { class: 'search-result__date' });
    meta.append(time);
    item.append(meta);
  }
  const hits = element('ol', { class: 'search-result__hits' });
  hits.append(...article.hits.slice(0, shown).map((hit) => hitItem(hit, compact)));
  item.append(hits);
  const more = article.hits.length - shown;
  if (more > 0) {
    const details = element('details', { class: 'search-result__more' });
    details.append(
      element('summary', {}, `${plural(more, 'more passage', 'more passages')} in this article`),
    );
    const rest = element('ol', { class: 'search-result__hits' });
    rest.append(...article.hits.slice(shown).map((hit) => hitItem(hit, compact)));
    details.append(rest);
    item.append(details);
  }
  return item;
}

/**
 * The results: passages with every part of the query, and, when there are some, those with only
 * some of the words behind one control after them.
 */
function renderResults(
  list: HTMLElement,
  partialBox: HTMLDetailsElement,
  outcome: SearchOutcome,
  compact: boolean,
): void {
  const { complete, partial } = split(outcome);
  // A single article shows every passage that matches.
  const shown = (articles: ArticleResult[]) => (articles.length === 1 ? Infinity : PASSAGES_SHOWN);
  list.replaceChildren(
    ...complete.map((article) => articleItem(article, shown(complete), compact)),
  );
  const count = passages(partial);
  partialBox.hidden = count === 0;
  partialBox.open = false;
  partialBox.replaceChildren(
    element('summary', {}, `${plural(count, 'passage', 'passages')} with only some of the words`),
  );
  if (count > 0) {
    const rest = element('ol', {
      class: 'search-results',
      'aria-label': 'Passages with only some of the words',
    });
    rest.append(...partial.map((article) => articleItem(article, shown(partial), compact)));
    partialBox.append(rest);
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
  const partialBox = element('details', { class: 'search-partial' });
  partialBox.hidden = true;
  list.after(more, partialBox);
  // "Showing results for Stoltenberg · search instead for Stoltenburg", above the results.
  const correction = element('p', { class: 'search-correction' });
  correction.hidden = true;
  // In the panel, the status line (read out, but visually hidden there) is shown too.
  const note = panel ? element('p', { class: 'search-note', 'aria-hidden': 'true' }) : undefined;
  if (note) list.before(correction, note);
  else status.before(correction);
  /** The query to search as typed, after "search instead for". */
  // Set from the address by restore() on the search page.
  let verbatim = '';

  const options = (): SearchOptions => ({
    tag: tag?.value || undefined,
    sort: sort?.value === 'date' ? 'date' : 'relevance',
    verbatim: verbatim !== '' && verbatim === input.value.trim(),
  });

  /** The search page's address: `?q=...&tag=...&sort=date`, shareable. */
  const address = (): string => {
    const params = new URLSearchParams();
    if (input.value.trim()) params.set('q', input.value.trim());
    if (tag?.value) params.set('tag', tag.value);
    if (sort?.value === 'date') params.set('sort', 'date');
    if (options().verbatim) params.set('verbatim', '1');
    return params.size > 0 ? `?${params}` : location.pathname;
  };

  async function run(): Promise<void> {
    const ticket = ++latest;
    const raw = input.value;
    if (!raw.trim()) {
      list.replaceChildren();
      list.removeAttribute('aria-busy');
      list.dataset['query'] = '';
      status.textContent = '';
      if (note) note.textContent = '';
      correction.hidden = true;
      partialBox.hidden = true;
      more.hidden = true;
      if (panel) panel.hidden = true;
      return;
    }
    const show = (outcome: SearchOutcome) => {
      // A newer keystroke already has its own search running (or replaced this one).
      if (ticket === latest) render(raw, outcome);
    };
    const outcome = await search.search(raw, options(), limit, show);
    if (outcome) show(outcome);
  }

  /** Shows an outcome: a first one (`searching`) while older parts answer, then the final one. */
  function render(raw: string, outcome: SearchOutcome): void {
    // A reader who arrowed into the results of a shorter query keeps their place when the
    // results of the whole query replace them, instead of losing focus to the page.
    // ("Show more results" puts focus on the first new article instead, below.)
    const focused =
      focusAt === undefined ? stops().indexOf(document.activeElement as HTMLElement) : -1;
    renderResults(list, partialBox, outcome, !onSearchPage);
    more.hidden = outcome.total <= outcome.articles.length && outcome.exhaustive;
    showCorrection(outcome);
    if (focused >= 0) {
      const after = stops();
      (after[Math.min(focused, after.length - 1)] ?? input).focus();
    }
    if (focusAt !== undefined && !outcome.searching) {
      list.children[focusAt]?.querySelector('a')?.focus();
      focusAt = undefined;
    }
    // Which search the list shows, once it is complete: lets tests and tools wait for the
    // right results. Until then the list is busy.
    const key = `${raw}|${options().tag ?? ''}|${options().sort}${options().verbatim ? '|verbatim' : ''}`;
    if (outcome.searching) {
      list.setAttribute('aria-busy', 'true');
      delete list.dataset['query'];
    } else {
      list.removeAttribute('aria-busy');
      list.dataset['query'] = key;
    }
    const line = summary(outcome, raw);
    status.replaceChildren(
      ...(outcome.correction
        ? [
            element(
              'span',
              { class: 'visually-hidden' },
              `Showing results for ${outcome.correction.searched}. `,
            ),
          ]
        : []),
      line,
    );
    if (note) note.textContent = line;
    if (panel) panel.hidden = false;
  }

  function showCorrection(outcome: SearchOutcome): void {
    correction.hidden = !outcome.correction;
    if (!outcome.correction) return;
    const { searched, typed } = outcome.correction;
    const params = new URLSearchParams({ q: typed, verbatim: '1' });
    const instead = element('a', { href: `${form.action.split('?')[0]}?${params}` });
    instead.append(
      'search instead for ',
      element('span', { class: 'search-correction__typed' }, typed),
    );
    instead.addEventListener('click', (event) => {
      event.preventDefault();
      verbatim = typed;
      if (onSearchPage) {
        draft = false;
        history.pushState(null, '', address());
      }
      void rerun();
      input.focus();
    });
    correction.replaceChildren(
      'Showing results for ',
      element('strong', {}, searched),
      ' · ',
      instead,
    );
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

  /**
   * What the arrow keys move through: the correction, result links, "more passages", "Show more
   * results" and the passages with only some of the words.
   */
  const stops = () => [
    ...(correction.hidden ? [] : [...correction.querySelectorAll<HTMLElement>('a')]),
    // Not the links inside a closed disclosure: they cannot take focus.
    ...[...list.querySelectorAll<HTMLElement>('a, summary')].filter(
      (element) => !element.closest('details:not([open]) > :not(summary)'),
    ),
    ...(more.hidden ? [] : [more]),
    ...(partialBox.hidden
      ? []
      : [...partialBox.querySelectorAll<HTMLElement>('a, summary')].filter(
          (element) => !element.closest('details:not([open]) > :not(summary)'),
        )),
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
  // In the panel, the container has it.
  if (!panel)
    for (const outside of [more, partialBox, correction] as HTMLElement[])
      outside.addEventListener('keydown', onKey);

  if (onSearchPage) {
    const restore = () => {
      const params = new URLSearchParams(location.search);
      input.value = params.get('q') ?? '';
      verbatim = params.get('verbatim') ? input.value.trim() : '';
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
