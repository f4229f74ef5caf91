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
import { PAGE_SIZE } from './search-protocol';
import { isEmptyQuery, parseQuery, type ParsedQuery } from './search-query';

/** The part of Pagefind's browser API used here (pagefind.js, loaded on demand). */
export interface Pagefind {
  init(): Promise<void>;
  search(
    term: string | null,
    options?: Record<string, unknown>,
  ): Promise<{ results: PagefindResult[] }>;
}

interface PagefindResult {
  id: string;
  score: number;
  /** Positions, in words, of what matched this search. */
  words: number[];
  /**
   * The article's record. Pagefind hands every search the same cached object, rewriting its
   * `locations` each time, so positions are read from `words` above instead.
   */
  data(): Promise<PagefindRecord>;
}

interface PagefindRecord {
  url: string;
  content: string;
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
  /** Where the query's words are in the title, to mark them there. */
  titleMarks: Range[];
  published: string;
  hits: Hit[];
}

export interface SearchOutcome {
  query: ParsedQuery;
  /** The first articles that match, with their passages. */
  articles: ArticleResult[];
  /** How many articles match in all. */
  total: number;
  /** Words, phrases and names of the query found in no article at all. */
  missing: string[];
  /** True when some hits hold only part of the query. */
  partial: boolean;
}

interface Candidate {
  results: (PagefindResult | undefined)[];
  parts: number;
  score: number;
  /** The best place in any part's list of results. */
  place: number;
}

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

  /**
   * The articles that match `raw`, best first (or newest first), at most `limit` of them with
   * their passages; `total` says how many matched in all.
   */
  async search(raw: string, options: SearchOptions, limit = PAGE_SIZE): Promise<SearchOutcome> {
    const query = this.parse(raw);
    const empty = { query, articles: [], total: 0, missing: [], partial: false };
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
    // Sorted by date, Pagefind gives each part's articles newest first.
    const order = options.sort === 'date' ? { sort: { published: 'desc' } } : {};
    const [perPart, tagged] = await Promise.all([
      Promise.all(
        parts.map(async (part) => (await this.#pagefind.search(part.term, order)).results),
      ),
      options.tag
        ? this.#pagefind
            .search(tagToken(options.tag))
            .then(({ results }) => new Set(results.map((r) => r.id)))
        : undefined,
    ]);
    // Pagefind drops a word it has never seen; name it instead.
    const missing = parts.filter((_, i) => perPart[i]!.length === 0).map((part) => part.label);

    // Articles holding every part first, then those with some (most parts first); within each,
    // by Pagefind's score, or by date (the first place any part's list gives them).
    const articles = new Map<string, Candidate>();
    perPart.forEach((results, i) => {
      results.forEach((result, place) => {
        if (tagged && !tagged.has(result.id)) return;
        const entry = articles.get(result.id) ?? { results: [], parts: 0, score: 0, place };
        entry.results[i] = result;
        entry.parts++;
        entry.score += result.score;
        entry.place = Math.min(entry.place, place);
        articles.set(result.id, entry);
      });
    });
    const ranked = [...articles.values()].sort(
      (a, b) =>
        b.parts - a.parts || (options.sort === 'date' ? a.place - b.place : b.score - a.score),
    );
    const loaded = await Promise.all(
      ranked
        .slice(0, limit)
        .map((article) => this.#article(article.results, parts, missing.length > 0)),
    );
    const results = loaded.filter(
      (article): article is ArticleResult => article !== undefined && article.hits.length > 0,
    );
    return {
      query,
      articles: results,
      total: ranked.length,
      missing,
      partial: results.some((article) => article.hits.some((hit) => !hit.complete)),
    };
  }

  /** One article's passages: which blocks each part matched, marked. */
  async #article(
    results: (PagefindResult | undefined)[],
    parts: Part[],
    anyMissing: boolean,
  ): Promise<ArticleResult | undefined> {
    // Every part's result is the same article: its record is loaded once.
    const first = await results.find((result) => result !== undefined)?.data();
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
    /** The block holding a word position: the last block starting at or before it. */
    const blockOf = (position: number) => {
      let [low, high] = [0, starts.length - 1];
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle]! <= position) low = middle;
        else high = middle - 1;
      }
      return low;
    };
    const blocks = outline.blocks.map(([, , , count], index) => {
      const own = words
        .slice(starts[index], starts[index]! + count)
        .filter((word) => !isToken(word));
      return { text: own.join(' '), hitBy: new Set<number>(), ranges: [] as Range[] };
    });

    parts.forEach((part, i) => {
      const result = results[i];
      if (!result) return;
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
      for (const position of result.words) {
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

    // Pagefind prefixes the address it was loaded from (the origin too, in a worker).
    const address = new URL(first.url, location.href);
    const articleUrl = address.origin === location.origin ? address.pathname : address.href;
    const titleWords = segmentWords(outline.title).split(/\s+/).filter(Boolean).length;
    const hits: Hit[] = [];
    let titleMarks: Range[] = [];
    outline.blocks.forEach(([id, kind, section], index) => {
      const block = blocks[index]!;
      if (block.hitBy.size === 0) return;
      let text = block.text;
      let ranges = mergeRanges(block.ranges);
      if (kind === 'headline') {
        // The headline block is the title, then the standfirst: the title is shown above.
        const offset = text.split(' ').slice(0, titleWords).join(' ').length + 1;
        const title = withoutWordBreaks(
          text.slice(0, offset - 1),
          ranges.filter(([, end]) => end < offset),
        );
        if (title.text === outline.title) titleMarks = title.ranges;
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
    return {
      url: articleUrl,
      title: outline.title,
      titleMarks,
      published: outline.published,
      hits,
    };
  }
}
