import { nameMatcher, type GlossaryName, type NameMatch } from '../lib/names';
import {
  isToken,
  nameToken,
  outlineFilter,
  tagToken,
  type ArticleOutline,
} from '../lib/search-outline';
import { segmentWords, withoutWordBreaks } from '../lib/segment';
import { mergeRanges, phraseRanges, wordRanges, type Range } from './highlight';
import { isEmptyQuery, parseQuery, type ParsedQuery } from './search-query';

/** The part of Pagefind's browser API used here (pagefind.js, loaded on demand). */
export interface Pagefind {
  search(
    term: string | null,
    options?: Record<string, unknown>,
  ): Promise<{ results: PagefindResult[] }>;
}

interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindRecord>;
}

interface PagefindRecord {
  url: string;
  content: string;
  /** Positions, in words, of what matched the search. */
  locations: number[];
  filters: Record<string, string[]>;
}

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
  /** False for a passage holding only some parts of the query. */
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
  /** Words, phrases and names of the query found in no article at all. */
  missing: string[];
  /** True when some hits hold only part of the query. */
  partial: boolean;
  /** True when more articles matched than were loaded. */
  truncated: boolean;
}

/** How many articles are loaded at most for one search. */
const MAX_ARTICLES = 25;

/** One part of a query: every part must be in a passage for the passage to match exactly. */
interface Part {
  label: string;
  term: string;
  phrase?: string;
  nameId?: string;
}

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

  async search(raw: string, options: SearchOptions): Promise<SearchOutcome> {
    const query = this.parse(raw);
    const empty = { query, articles: [], hits: 0, missing: [], partial: false, truncated: false };
    if (isEmptyQuery(query)) return empty;

    const parts: Part[] = [
      ...query.phrases.map((phrase) => ({ label: `"${phrase}"`, term: `"${phrase}"`, phrase })),
      ...query.words.map((word) => ({ label: word, term: word })),
      ...query.names.map((name) => ({
        label: name.typed,
        term: nameToken(name.id),
        nameId: name.id,
      })),
    ];
    const [perPart, tagged] = await Promise.all([
      Promise.all(parts.map(async (part) => (await this.#pagefind.search(part.term)).results)),
      options.tag
        ? this.#pagefind
            .search(tagToken(options.tag))
            .then(({ results }) => new Set(results.map((r) => r.id)))
        : undefined,
    ]);
    // Pagefind drops a word it has never seen; name it instead.
    const missing = parts.filter((_, i) => perPart[i]!.length === 0).map((part) => part.label);

    // Articles holding every part first (by score), then those with some (most parts first).
    const articles = new Map<
      string,
      { results: (PagefindResult | undefined)[]; parts: number; score: number }
    >();
    perPart.forEach((results, i) => {
      for (const result of results) {
        if (tagged && !tagged.has(result.id)) continue;
        const entry = articles.get(result.id) ?? { results: [], parts: 0, score: 0 };
        entry.results[i] = result;
        entry.parts++;
        entry.score += result.score;
        articles.set(result.id, entry);
      }
    });
    const ranked = [...articles.values()].sort((a, b) => b.parts - a.parts || b.score - a.score);
    const loaded = await Promise.all(
      ranked
        .slice(0, MAX_ARTICLES)
        .map((article) => this.#article(article.results, parts, missing.length > 0)),
    );

    const results = loaded.filter(
      (article): article is ArticleResult => article !== undefined && article.hits.length > 0,
    );
    if (options.sort === 'date') results.sort((a, b) => b.published.localeCompare(a.published));
    const hits = results.flatMap((article) => article.hits);
    return {
      query,
      articles: results,
      hits: hits.length,
      missing,
      partial: hits.some((hit) => !hit.complete),
      truncated: ranked.length > MAX_ARTICLES,
    };
  }

  /** One article's passages: which blocks each part matched, marked. */
  async #article(
    results: (PagefindResult | undefined)[],
    parts: Part[],
    anyMissing: boolean,
  ): Promise<ArticleResult | undefined> {
    const data = await Promise.all(results.map((result) => result?.data()));
    const first = data.find((record) => record !== undefined);
    const outlineJson = first?.filters[outlineFilter]?.[0];
    if (!first || !outlineJson) return undefined;
    const outline = JSON.parse(outlineJson) as ArticleOutline;
    const words = first.content.split(/\s+/).filter(Boolean);

    // Where each block starts, in words, and its text with the name and tag tokens left out.
    const starts: number[] = [];
    let at = 0;
    for (const [, , , count] of outline.blocks) {
      starts.push(at);
      at += count;
    }
    const blockOf = (position: number) => {
      let index = starts.length - 1;
      while (index > 0 && starts[index]! > position) index--;
      return index;
    };
    const blocks = outline.blocks.map(([, , , count], index) => {
      const own = words
        .slice(starts[index], starts[index]! + count)
        .filter((word) => !isToken(word));
      return { text: own.join(' '), hitBy: new Set<number>(), ranges: [] as Range[] };
    });

    parts.forEach((part, i) => {
      const record = data[i];
      if (!record) return;
      if (part.phrase) {
        blocks.forEach((block) => {
          const ranges = phraseRanges(block.text, part.phrase!);
          if (ranges.length === 0) return;
          block.hitBy.add(i);
          block.ranges.push(...ranges);
        });
        return;
      }
      const byBlock = new Map<number, number[]>();
      for (const position of record.locations) {
        const index = blockOf(position);
        byBlock.set(index, [...(byBlock.get(index) ?? []), position - starts[index]!]);
      }
      for (const [index, positions] of byBlock) {
        const block = blocks[index]!;
        block.hitBy.add(i);
        if (part.nameId) {
          for (const match of this.#findNames(block.text)) {
            if (match.entry.id === part.nameId) block.ranges.push([match.start, match.end]);
          }
        } else {
          block.ranges.push(...wordRanges(block.text, positions, [part.label]));
        }
      }
    });

    const articleUrl = first.url.replace(/#.*$/, '');
    const titleWords = segmentWords(outline.title).split(/\s+/).filter(Boolean).length;
    const hits: Hit[] = [];
    outline.blocks.forEach(([id, kind, section], index) => {
      const block = blocks[index]!;
      if (block.hitBy.size === 0) return;
      let text = block.text;
      let ranges = mergeRanges(block.ranges);
      if (kind === 'headline') {
        // The headline block is the title, then the standfirst: the title is shown above.
        const offset = text.split(' ').slice(0, titleWords).join(' ').length + 1;
        text = text.slice(offset);
        ranges = ranges
          .filter(([start]) => start >= offset)
          .map(([start, end]): Range => [start - offset, end - offset]);
      }
      const shown = withoutWordBreaks(text, ranges);
      hits.push({
        url: id ? `${articleUrl}#${id}` : articleUrl,
        kind,
        section: outline.sections[section] ?? '',
        text: shown.text,
        marks: shown.ranges,
        marked: [...new Set(shown.ranges.map(([start, end]) => shown.text.slice(start, end)))],
        order: index,
        complete: !anyMissing && block.hitBy.size === parts.length,
      });
    });
    // Passages with every part first, each group in reading order.
    hits.sort((a, b) => Number(b.complete) - Number(a.complete) || a.order - b.order);
    return { url: articleUrl, title: outline.title, published: outline.published, hits };
  }
}
