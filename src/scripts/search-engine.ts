import { nameMatcher, type GlossaryName, type NameMatch } from '../lib/names';
import { segmentWords, withoutWordBreaks } from '../lib/segment';
import { mergeRanges, phraseRanges, wordRanges, type Range } from './highlight';
import { isEmptyQuery, parseQuery, type ParsedQuery } from './search-query';

/** The part of Pagefind's browser API used here (pagefind.js, loaded on demand). */
export interface Pagefind {
  search(
    term: string | null,
    options?: { filters?: Record<string, unknown> },
  ): Promise<{
    results: { id: string; score: number; data(): Promise<PagefindRecord> }[];
  }>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

interface PagefindRecord {
  url: string;
  content: string;
  locations: number[];
  /** What src/integrations/search-records.ts put there: kind, title, section, published, order. */
  filters: Record<string, string[]>;
}

const field = (record: PagefindRecord, name: string) => record.filters[name]?.[0] ?? '';

export interface SearchOptions {
  tag?: string | undefined;
  sort: 'relevance' | 'date';
}

export interface Hit {
  url: string;
  kind: 'headline' | 'section' | 'paragraph';
  section: string;
  text: string;
  marks: Range[];
  /** The exact words marked, passed to the article so it can mark them too. */
  marked: string[];
  order: number;
  /** False for a hit holding only some of the query's words. */
  complete: boolean;
}

export interface ArticleResult {
  url: string;
  title: string;
  published: string;
  hits: Hit[];
}

export interface SearchOutcome {
  query: ParsedQuery;
  articles: ArticleResult[];
  hits: number;
  /** Words and phrases of the query found in no article at all. */
  missing: string[];
  /** True when some hits hold only part of the query. */
  partial: boolean;
  /** True when more hits exist than were loaded. */
  truncated: boolean;
}

/** How many records are loaded at most for one search. */
const MAX_HITS = 80;

export class SearchEngine {
  readonly #pagefind: Pagefind;
  readonly #findNames: (text: string) => NameMatch[];

  constructor(pagefind: Pagefind, glossary: readonly GlossaryName[]) {
    this.#pagefind = pagefind;
    this.#findNames = nameMatcher(glossary);
  }

  parse(raw: string): ParsedQuery {
    return parseQuery(raw, this.#findNames);
  }

  async tags(): Promise<[string, number][]> {
    const filters = await this.#pagefind.filters();
    return Object.entries(filters['tag'] ?? {}).sort(([a], [b]) => a.localeCompare(b, 'en'));
  }

  async search(raw: string, options: SearchOptions): Promise<SearchOutcome> {
    const query = this.parse(raw);
    const empty = { query, articles: [], hits: 0, missing: [], partial: false, truncated: false };
    if (isEmptyQuery(query)) return empty;

    type Result = Awaited<ReturnType<Pagefind['search']>>['results'][number];
    const tag = options.tag ? { tag: options.tag } : {};
    const find = async (term: string | null, filters: Record<string, unknown>) =>
      (await this.#pagefind.search(term, { filters })).results;

    // The query's parts: each phrase, each word, each name (a name is a filter: any spelling).
    const parts = [
      ...query.phrases.map((phrase) => ({
        label: `"${phrase}"`,
        term: `"${phrase}"`,
        filters: {},
      })),
      ...query.words.map((word) => ({ label: word, term: word, filters: {} })),
      ...query.names.map((name) => ({
        label: name.typed,
        term: null,
        filters: { name: [name.id] },
      })),
    ];
    const [perPart, everywhere] = await Promise.all([
      Promise.all(parts.map((part) => find(part.term, { ...tag, ...part.filters }))),
      // Pagefind drops a word it has never seen: look for each part in the whole index.
      Promise.all(parts.map((part) => find(part.term, part.filters))),
    ]);
    const missing = parts.filter((_, i) => everywhere[i]!.length === 0).map((part) => part.label);

    // Exact hits hold every part. Pagefind's own multi-word search also returns pages with only
    // some words, so the intersection is taken here; its ranking orders the exact hits.
    const counts = new Map<string, { result: Result; parts: number; score: number }>();
    for (const results of perPart) {
      for (const result of results) {
        const seen = counts.get(result.id) ?? { result, parts: 0, score: 0 };
        seen.parts++;
        seen.score += result.score;
        counts.set(result.id, seen);
      }
    }
    let complete: Result[] = [];
    if (missing.length === 0) {
      const ranking =
        query.words.length > 0
          ? await find(query.words.join(' '), {
              ...tag,
              ...(query.names.length > 0 ? { name: query.names.map((n) => n.id) } : {}),
            })
          : perPart[0]!;
      complete = ranking.filter((result) => counts.get(result.id)?.parts === parts.length);
    }
    // Then hits with some of the parts: most parts first, then Pagefind's score.
    const exact = new Set(complete.map((result) => result.id));
    const partial =
      parts.length > 1 || missing.length > 0
        ? [...counts.values()]
            .filter(({ result }) => !exact.has(result.id))
            .sort((a, b) => b.parts - a.parts || b.score - a.score)
            .map(({ result }) => result)
        : [];

    const ranked = [
      ...complete.map((r) => ({ r, complete: true })),
      ...partial.map((r) => ({ r, complete: false })),
    ];
    const loaded = await Promise.all(
      ranked
        .slice(0, MAX_HITS)
        .map(async ({ r, complete }) => ({ data: await r.data(), complete })),
    );
    const nameIds = new Set(query.names.map((name) => name.id));

    const byArticle = new Map<string, ArticleResult>();
    for (const { data, complete } of loaded) {
      const articleUrl = data.url.replace(/#.*$/, '');
      const article =
        byArticle.get(articleUrl) ??
        byArticle
          .set(articleUrl, {
            url: articleUrl,
            title: field(data, 'title'),
            published: field(data, 'published'),
            hits: [],
          })
          .get(articleUrl)!;
      article.hits.push(this.#hit(data, complete, nameIds, query.phrases, query.words));
    }
    const articles = [...byArticle.values()];
    // Within an article: passages with every part first, each group in reading order.
    for (const article of articles) {
      article.hits.sort((a, b) => Number(b.complete) - Number(a.complete) || a.order - b.order);
    }
    if (options.sort === 'date') {
      articles.sort((a, b) => b.published.localeCompare(a.published));
    }
    return {
      query,
      articles,
      hits: loaded.length,
      missing,
      partial: partial.length > 0,
      truncated: ranked.length > loaded.length,
    };
  }

  #hit(
    data: PagefindRecord,
    complete: boolean,
    nameIds: ReadonlySet<string>,
    phrases: readonly string[],
    words: readonly string[],
  ): Hit {
    const kind = (field(data, 'kind') || 'paragraph') as Hit['kind'];
    const content = data.content;
    // Pagefind gives the positions of the words it matched; a phrase is marked whole, everywhere.
    const queryWords = [...words, ...phrases.flatMap((phrase) => phrase.split(' '))];
    let ranges = [
      ...wordRanges(content, data.locations, queryWords),
      ...phrases.flatMap((phrase) => phraseRanges(content, phrase)),
    ];
    for (const match of this.#findNames(content)) {
      if (nameIds.has(match.entry.id)) ranges.push([match.start, match.end]);
    }
    ranges = mergeRanges(ranges);
    // A headline record holds the title, then the standfirst: show the standfirst.
    const title = segmentWords(field(data, 'title'));
    const offset = kind === 'headline' && content.startsWith(title) ? title.length + 1 : 0;
    // Take out the word breaks the index put into unspaced scripts (src/lib/segment.ts).
    const { text, ranges: marks } = withoutWordBreaks(
      content.slice(offset),
      ranges
        .filter(([start]) => start >= offset)
        .map(([start, end]): Range => [start - offset, end - offset]),
    );
    return {
      url: data.url,
      kind,
      section: field(data, 'section'),
      text,
      marks,
      marked: [...new Set(marks.map(([start, end]) => text.slice(start, end)))],
      order: Number(field(data, 'order')),
      complete,
    };
  }
}
