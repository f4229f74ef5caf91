import { fold } from '../lib/fold';
import {
  isAcronym,
  nameBeginnings,
  nameMatcher,
  type GlossaryName,
  type NameBeginning,
  type NameMatch,
} from '../lib/names';
import {
  isToken,
  nameToken,
  numberToken,
  outlineMeta,
  titleNameToken,
  type ArticleOutline,
} from '../lib/search-outline';
import {
  STOP_WORDS,
  baseForm,
  editDistance,
  formMatches,
  joinedForm,
  matchesWhole,
  pieces,
  skeletonBeginnings,
  spellingVariants,
  transliterationSkeleton,
  typoAllowance,
  wordForms,
  wordMatches,
} from '../lib/search-words';
import {
  allOf,
  anyOf,
  postingFile,
  termFile,
  type Posting,
  type TermStats,
} from '../lib/search-directory';
import { freshness, inverseFrequency, termBound, termWeight } from '../lib/search-ranking';
import { segmentWords, withoutWordBreaks } from '../lib/segment';
import { mergeRanges, phraseRanges, wordRanges, type Range } from './highlight';
import { TAG_FILTER } from '../lib/search-parts';
import { BEGINNING_LETTERS, PAGE_SIZE } from './search-protocol';
import { isEmptyQuery, parseQuery, type ParsedQuery } from './search-query';

/**
 * One part of the index (see `search-parts.ts`): the part of a Pagefind instance's browser API
 * used here (pagefind.js's `createInstance`, loaded on demand).
 */
export interface PagefindIndex {
  search(
    term: string | null,
    options?: Record<string, unknown>,
  ): Promise<{ results: PagefindResult[] }>;
  preload(term: string, options?: Record<string, unknown>): Promise<void>;
}

/** What an open part gives: its Pagefind index, and each article's day and length by its id. */
export interface OpenPart {
  index: PagefindIndex;
  documents: ReadonlyMap<string, { day: number; words: number }>;
}

/** One part of the index, opened (its Pagefind metadata and documents loaded) when first asked. */
export interface IndexPart {
  /** Its place, 0 the oldest: how the word directory names it. */
  place: number;
  /** The day (`publishedDay`) of its newest article. */
  newest: number;
  open(): Promise<OpenPart>;
  /**
   * An article's record (its Pagefind fragment) by Pagefind's id, without opening the part: for
   * the articles a rare term's postings name, and in place of `data()` for Pagefind's results.
   */
  fragment?(id: string): Promise<PagefindRecord>;
}

/** The index: its parts, newest first, and what is counted over all of them. */
export interface IndexParts {
  parts: readonly IndexPart[];
  articles: number;
  averageWords: number;
  /** The day of the archive's newest article: freshness is counted from it. */
  newest: number;
  /** The most articles a term with postings in the directory is held by (0: none has). */
  postings?: number | undefined;
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

export interface PagefindRecord {
  url: string;
  content: string;
  meta: Record<string, string>;
}

/**
 * The terms that share a file of the word directory (`termFile`), with what it says of each;
 * an empty map for a file the directory does not have.
 */
export type DirectoryLoader = (file: string) => Promise<ReadonlyMap<string, TermStats>>;

/** The rare terms of a postings file (`postingFile`) with their postings. */
export type PostingsLoader = (file: string) => Promise<ReadonlyMap<string, readonly Posting[]>>;

export interface SearchOptions {
  tag?: string | undefined;
  sort: 'relevance' | 'date';
  /** Search the words as typed, with no correction of a word found in no article. */
  verbatim?: boolean | undefined;
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
  /** True when the passage holds the unquoted words in the order typed, stop words included. */
  asTyped: boolean;
}

export interface ArticleResult {
  url: string;
  title: string;
  /** Where the query's words are in the title, to mark them there. */
  titleMarks: Range[];
  published: string;
  /** Passages holding every part first (those typed in order before others), each in reading order. */
  hits: Hit[];
}

export interface SearchOutcome {
  query: ParsedQuery;
  /** The first articles that match, with their passages; those with complete passages first. */
  articles: ArticleResult[];
  /** How many articles match in all (some part of the query, at least). */
  total: number;
  /** How many of them hold every part of the query in one passage (as far as can be known). */
  complete: number;
  /** Words, phrases and names of the query found in no article at all. */
  missing: string[];
  /** True when some hits hold only part of the query. */
  partial: boolean;
  /**
   * False when `total` and `complete` are only at least so many: parts of the index that could
   * add to them were not searched, the newer ones having given enough.
   */
  exhaustive: boolean;
  /** True for a first answer, from the newer parts, while older parts are still being searched. */
  searching: boolean;
  /** When a word was in no article and a close spelling is: what was searched instead. */
  correction?: { typed: string; searched: string } | undefined;
  /**
   * Words of one or two letters that are no word of the index but begin some (`Ky`): words still
   * being typed, searched once they have `BEGINNING_LETTERS` letters. The rest of the query is
   * searched without them; a query of nothing else has no results yet.
   */
  unfinished?: string[] | undefined;
}

/** One way of finding a part of the query. */
interface Alternative {
  /** What Pagefind is asked for. */
  term: string;
  /** What the word directory says of it: how many articles hold it, in which parts. */
  stats: TermStats;
  /** The directory's terms it stands for (a word's forms, or a token), if not a phrase. */
  terms?: readonly string[];
  /** A phrase: every occurrence in a block counts. */
  phrase?: string;
  /** A glossary name: its token marks the blocks, the name matcher finds its spellings. */
  nameId?: string;
  /** A word (folded, `baseForm`): a position counts only if its word is one this asks for. */
  word?: string;
  /** Compare the text's words joined (`Mig-29` as `mig29`). */
  joined?: boolean;
  /** Also the words `word` begins: it is no word of the index itself (`Stolt`). */
  prefix?: boolean;
  /** Searched as its number token: the blocks are found by it, the words in them by `word`. */
  token?: boolean;
}

/** How a word with a digit is searched: by its number token, which Pagefind finds whole. */
function numberAlternative(alternative: Alternative): Alternative {
  return alternative.word !== undefined && /\p{N}/u.test(alternative.word)
    ? { ...alternative, term: numberToken(alternative.word), token: true }
    : alternative;
}

/**
 * Whether a word as written in the text is one `alternative` asks for (any word, for a name).
 * Working out a word's forms is most of what reading an article's passages costs, and the
 * articles of a search share most of their words: each word's answer is kept with the
 * alternative, and its forms (`textForms`) across searches.
 */
function asks(alternative: Alternative): (written: string) => boolean {
  let test = askedBy.get(alternative);
  if (!test) {
    const { word, joined, prefix } = alternative;
    if (word === undefined) test = () => true;
    else {
      const matches = joined
        ? (written: string) => formMatches(word, joinedForm(written), prefix)
        : (written: string) => wordMatches(word, written, prefix, textForms);
      const known = new Map<string, boolean>();
      test = (written) => {
        let answer = known.get(written);
        if (answer === undefined) known.set(written, (answer = matches(written)));
        return answer;
      };
    }
    askedBy.set(alternative, test);
  }
  return test;
}

const askedBy = new WeakMap<Alternative, (written: string) => boolean>();

/**
 * `wordForms` of the text's words, kept: a reader typing on reads the same articles at each key.
 * Emptied when full, which costs only the working out again.
 */
function textForms(written: string): readonly string[] {
  let forms = formsKept.get(written);
  if (!forms) {
    if (formsKept.size >= FORMS_KEPT) formsKept.clear();
    forms = wordForms(written);
    formsKept.set(written, forms);
  }
  return forms;
}

const formsKept = new Map<string, readonly string[]>();
const FORMS_KEPT = 20_000;

/**
 * Where in an article's words (its record's content, split as Pagefind counts positions)
 * `alternative` is found: its token (a name's, a number's), or the words it asks for.
 */
function positionsOf(words: readonly string[], alternative: Alternative): number[] {
  const found =
    alternative.token || alternative.nameId !== undefined
      ? (written: string) => written === alternative.term
      : asks(alternative);
  return words.flatMap((written, position) => (found(written) ? [position] : []));
}

/** What an article's record gives every search that shows it, worked out once. */
interface PreparedArticle {
  outline: ArticleOutline;
  /** The record's words, as Pagefind counts positions. */
  words: string[];
  /** Where each block starts, in words. */
  starts: number[];
  /** Each block's text, the name and number tokens left out. */
  texts: string[];
  /** The glossary's names in each block, once asked for. */
  names: (NameMatch[] | undefined)[];
  /** Words of the title (the headline block begins with it). */
  titleWords: number;
}

/**
 * Records prepared, by the record: Pagefind hands every search the same object for an article
 * (and the postings' fragments are kept alike), so a reader typing on does not split and join
 * the same article at each key.
 */
const preparedArticles = new WeakMap<PagefindRecord, PreparedArticle | null>();

function prepare(record: PagefindRecord): PreparedArticle | undefined {
  let prepared = preparedArticles.get(record);
  if (prepared === undefined) {
    const outlineJson = record.meta[outlineMeta];
    prepared = null;
    if (outlineJson) {
      const outline = JSON.parse(outlineJson) as ArticleOutline;
      const words = record.content.split(/\s+/).filter(Boolean);
      const starts: number[] = [];
      let at = 0;
      for (const [, , , count] of outline.blocks) {
        starts.push(at);
        at += count;
      }
      const texts = outline.blocks.map(([, , , count], index) =>
        words
          .slice(starts[index], starts[index]! + count)
          .filter((word) => !isToken(word))
          .join(' '),
      );
      prepared = {
        outline,
        words,
        starts,
        texts,
        names: texts.map(() => undefined),
        titleWords: segmentWords(outline.title).split(/\s+/).filter(Boolean).length,
      };
    }
    preparedArticles.set(record, prepared);
  }
  return prepared ?? undefined;
}

/**
 * A result whose record is read by the part's own loader when it has one: Pagefind's `data()`
 * also builds an excerpt and sub-results, which the passages here do not use, on every call, and
 * queues its fetches behind its own limit.
 */
function recordsFrom(result: PagefindResult, fragment: IndexPart['fragment']): PagefindResult {
  return fragment ? { ...result, data: () => fragment(result.id) } : result;
}

/** One part of a query: every part must be in a passage for the passage to match exactly. */
interface Part {
  label: string;
  alternatives: Alternative[];
  /** A word too short to be searched as a beginning, which it only is (see `unfinished`). */
  unfinished?: boolean;
}

interface Candidate {
  /** Pagefind's id of the article, with its part's place (ids are only unique within a part). */
  id: string;
  /** Per part, per alternative, this article's Pagefind result. */
  results: (PagefindResult | undefined)[][];
  parts: number;
  /** 1 when every part of a query of several is found within `NEAR_WORDS` words, else 0. */
  near: number;
  /** How many of the query's names are in its title. */
  titled: number;
  score: number;
  /** The best place in any part's list of results. */
  place: number;
}

/**
 * Words within which a query's parts count as found together, likely in one passage (a name's
 * token ends the block that has the name, so the window is about a paragraph long).
 */
const NEAR_WORDS = 60;

/**
 * 1 when some run of `NEAR_WORDS` words holds a position of each of the `parts` query parts
 * (`positions[i]`: where part i was found), else 0. A query of one part: 0 for every article.
 */
function nearness(positions: readonly (readonly number[])[]): number {
  if (positions.length < 2 || positions.some((list) => list.length === 0)) return 0;
  const marks = positions
    .flatMap((list, part) => list.map((at) => [at, part] as const))
    .sort((a, b) => a[0] - b[0]);
  const inWindow = new Array<number>(positions.length).fill(0);
  let covered = 0;
  let start = 0;
  for (const [at, part] of marks) {
    if (inWindow[part]!++ === 0) covered++;
    while (marks[start]![0] < at - NEAR_WORDS) {
      const left = marks[start++]![1];
      if (--inWindow[left]! === 0) covered--;
    }
    if (covered === positions.length) return 1;
  }
  return 0;
}

/**
 * Whether `a` ranks before `b` by relevance: more parts, the parts found together, more names
 * in the title, score.
 */
function compareRelevance(
  a: Pick<Candidate, 'parts' | 'near' | 'titled' | 'score' | 'id'>,
  b: Pick<Candidate, 'parts' | 'near' | 'titled' | 'score' | 'id'>,
): number {
  // Equal scores keep Pagefind's ids' order: the same in any cut of the index.
  const own = (id: string) => id.slice(id.indexOf(':'));
  return (
    b.parts - a.parts ||
    b.near - a.near ||
    b.titled - a.titled ||
    b.score - a.score ||
    (own(a.id) < own(b.id) ? -1 : own(a.id) > own(b.id) ? 1 : 0)
  );
}

/** Whether a term's stats say part `place` holds it. */
function holdsIn(stats: TermStats, place: number): boolean {
  return stats.parts.includes(place);
}

const NOWHERE: TermStats = { articles: 0, parts: [] };

/** How many searches' outcomes a page keeps. */
const ANSWERS_KEPT = 50;

/** A letter-and-digit compound as one word (`Mig-29`, `F16`, `IRIS-T`), or two (`Mig 29`, `IRIS T`). */
function isCompound(word: string): boolean {
  const split = pieces(word);
  return split.length > 1 && split.every((piece) => /^[\p{L}\p{N}]+$/u.test(piece));
}

/** Two typed words that make one name of a thing: a short word and a number or a letter. */
function makeCompound(first: string, second: string): boolean {
  const [a, b] = [baseForm(first), baseForm(second)];
  if (!a || !b || STOP_WORDS.has(a) || STOP_WORDS.has(b)) return false;
  if (!/^[\p{L}\p{N}]+$/u.test(a) || !/^[\p{L}\p{N}]+$/u.test(b)) return false;
  const number = (w: string) => /^\p{N}+$/u.test(w);
  const letter = (w: string) => /^\p{L}$/u.test(w);
  const short = (w: string) => /^\p{L}{1,4}$/u.test(w);
  return (short(a) && number(b)) || (number(a) && short(b)) || letter(b) || letter(a);
}

/**
 * The directory counts over the whole archive: how many articles hold each term. For a query of
 * one word (not a phrase, whose words may be apart) that is how many match.
 */
function countedOf(parts: readonly Part[]): { articles: number; exact: boolean } {
  const [only] = parts;
  return {
    articles: Math.max(
      0,
      ...parts.flatMap((part) => part.alternatives.map((one) => one.stats.articles)),
    ),
    exact: parts.length === 1 && only!.alternatives.length === 1 && !only!.alternatives[0]!.phrase,
  };
}

/** A first answer while the older parts of the index are searched. */
export type ProgressListener = (outcome: SearchOutcome) => void;

/**
 * Scripts whose characters are syllables or words (Chinese, Japanese, Korean, and the scripts of
 * South-East Asia written without spaces): one or two of them are a word, and a beginning.
 */
const SYLLABIC_SCRIPT =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;

/** The outcome of a query that finds nothing, and says nothing is missing. */
function emptyOutcome(query: ParsedQuery): SearchOutcome {
  return {
    query,
    articles: [],
    total: 0,
    complete: 0,
    missing: [],
    partial: false,
    exhaustive: true,
    searching: false,
  };
}

/** What tells one search from another: the same key, the same outcome. */
export function searchKey(raw: string, options: SearchOptions, limit: number): string {
  return JSON.stringify([raw.trim(), options.tag ?? '', options.sort, !!options.verbatim, limit]);
}

/** The most glossary names a beginning typed may preload the search of (see `#preloadNames`). */
const NAMES_PRELOADED = 3;

/** The most spellings of names being typed that are searched ahead (see `searchAhead`). */
const SEARCHED_AHEAD = 3;

/** Thrown by a search given up for a newer one (see `SearchEngine.search`'s `stale`). */
export class Superseded extends Error {
  constructor() {
    super('A newer search replaced this one');
  }
}

/** Gives the search up, between its steps, once `stale` says a newer one is waiting. */
function checkStale(stale: (() => boolean) | undefined): void {
  if (stale?.()) throw new Superseded();
}

export class SearchEngine {
  readonly #index: IndexParts;
  readonly #glossary: readonly GlossaryName[];
  readonly #findNames: (text: string) => NameMatch[];
  readonly #namesBegun: (text: string) => NameBeginning[];
  readonly #directory: DirectoryLoader;
  readonly #postings: PostingsLoader | undefined;
  /** The outcomes of the latest searches, oldest first. */
  readonly #answered = new Map<string, SearchOutcome>();
  /** The searches running, by `searchKey`. */
  readonly #running = new Map<string, Promise<SearchOutcome>>();

  /** Without `postings`, every search asks the parts of the index. */
  constructor(
    index: IndexParts,
    glossary: readonly GlossaryName[],
    directory: DirectoryLoader,
    postings?: PostingsLoader,
  ) {
    this.#index = index;
    this.#glossary = glossary;
    this.#findNames = nameMatcher(glossary);
    this.#namesBegun = nameBeginnings(glossary);
    this.#directory = directory;
    this.#postings = postings;
  }

  parse(raw: string): ParsedQuery {
    return parseQuery(raw, this.#findNames);
  }

  /**
   * The articles that match `raw`, best first (or newest first), at most `limit` of them with
   * their passages; `total` says how many matched in all. A word in no article, when a close
   * spelling of a name or of an indexed word is, is searched as that spelling instead (unless
   * `verbatim`), and the outcome says so. When `stale` turns true (a reader typed on), the search
   * is given up before its next costly step, with `Superseded`.
   */
  async search(
    raw: string,
    options: SearchOptions,
    limit = PAGE_SIZE,
    onProgress?: ProgressListener,
    stale?: () => boolean,
  ): Promise<SearchOutcome> {
    // The index does not change under a page: a query searched before (a reader deleting back
    // to it, or typing it again) is answered from memory, and one being searched (ahead, as a
    // name is typed) by that search.
    const key = searchKey(raw, options, limit);
    const known = this.#answered.get(key);
    if (known) {
      this.#answered.delete(key);
      this.#answered.set(key, known);
      return known;
    }
    const running = this.#running.get(key);
    if (running) {
      try {
        return await running;
      } catch (error) {
        // That search was given up for a newer one: this one goes on, unless it is stale too.
        if (!(error instanceof Superseded)) throw error;
        checkStale(stale);
      }
    }
    const answer = this.#answer(raw, options, limit, onProgress, stale);
    this.#running.set(key, answer);
    try {
      const outcome = await answer;
      this.#answered.set(key, outcome);
      if (this.#answered.size > ANSWERS_KEPT)
        this.#answered.delete(this.#answered.keys().next().value!);
      return outcome;
    } finally {
      if (this.#running.get(key) === answer) this.#running.delete(key);
    }
  }

  async #answer(
    raw: string,
    options: SearchOptions,
    limit: number,
    onProgress: ProgressListener | undefined,
    stale: (() => boolean) | undefined,
  ): Promise<SearchOutcome> {
    const outcome = await this.#search(raw, options, limit, onProgress, stale);
    if (options.verbatim || outcome.missing.length === 0) return outcome;
    const searched = await this.#corrected(raw, outcome);
    if (searched === undefined) return outcome;
    checkStale(stale);
    const better = await this.#search(searched, options, limit, onProgress, stale);
    if (better.articles.length === 0 || better.missing.length >= outcome.missing.length)
      return outcome;
    return { ...better, correction: { typed: raw.trim(), searched } };
  }

  /** What the word directory says of one term (a form or a token), if the index holds it. */
  async #term(term: string): Promise<TermStats | undefined> {
    return (await this.#directory(termFile(term))).get(term);
  }

  /**
   * How the index holds what `word` asks for: as a word (then it finds that word and its other
   * forms), only as the beginning of longer words (`Stolt`), or not at all; and in which parts.
   */
  async #lookup(
    word: string,
  ): Promise<{ kind: 'word' | 'prefix'; stats: TermStats; terms: string[] } | undefined> {
    // Numbers are searched by their tokens, which Pagefind finds whole or not at all.
    if (/\p{N}/u.test(word)) {
      const token = numberToken(word);
      const stats = await this.#term(token);
      return stats && { kind: 'word', stats, terms: [token] };
    }
    const terms = await this.#directory(termFile(word));
    for (const kind of ['word', 'prefix'] as const) {
      const held = [...terms].filter(([form]) => formMatches(word, form, kind === 'prefix'));
      if (held.length > 0)
        return {
          kind,
          stats: anyOf(held.map(([, stats]) => stats)),
          terms: held.map(([form]) => form),
        };
    }
    return undefined;
  }

  /** What the directory says of a phrase: the parts that hold each of its words. */
  async #phraseStats(phrase: string): Promise<TermStats> {
    const words = phrase.split(' ').map(baseForm).filter(Boolean);
    const held = await Promise.all(words.map((word) => this.#lookup(word)));
    return held.every(Boolean) ? allOf(held.map((one) => one!.stats)) : NOWHERE;
  }

  /** The parts of a query, each with the ways it can be found that the index holds. */
  async #parts(query: ParsedQuery): Promise<Part[]> {
    // A phrase or a name that no article holds has no alternative: it is in no article.
    const held = (alternative: Alternative) => alternative.stats.articles > 0;
    const parts: Part[] = await Promise.all([
      ...query.phrases.map(async (phrase) => ({
        label: `"${phrase}"`,
        alternatives: [
          { term: `"${phrase}"`, phrase, stats: await this.#phraseStats(phrase) },
        ].filter(held),
      })),
      ...query.names.map(async (name) => ({
        label: name.typed,
        alternatives: [
          {
            term: nameToken(name.id),
            nameId: name.id,
            stats: (await this.#term(nameToken(name.id))) ?? NOWHERE,
            terms: [nameToken(name.id)],
          },
        ].filter(held),
      })),
    ]);
    // Outside quotes, "of" and "the" do not have to be found, unless there is nothing else.
    const meaningful = query.words.filter((word) => !STOP_WORDS.has(baseForm(word)));
    const words = meaningful.length > 0 || parts.length > 0 ? meaningful : query.words;
    const typed: string[][] = [];
    for (let i = 0; i < words.length; i++) {
      if (i + 1 < words.length && makeCompound(words[i]!, words[i + 1]!)) {
        typed.push([words[i]!, words[i + 1]!]);
        i++;
      } else typed.push([words[i]!]);
    }
    // Each group's directory files are fetched at once, not one after another.
    const groups = await Promise.all(
      typed.map(async (group): Promise<Part> => {
        const alternatives: Alternative[] = [];
        if (group.length > 1 || isCompound(group[0]!)) {
          // Mig-29, MiG 29, MiG29 find each other: joined, or piece by piece in a row.
          const joined = joinedForm(group.join(''));
          const split = group.flatMap(pieces);
          const [held, ...found] = await Promise.all(
            [joined, ...split].map((word) => this.#lookup(word)),
          );
          if (held)
            alternatives.push({
              term: joined,
              word: joined,
              joined: true,
              prefix: held.kind === 'prefix',
              stats: held.stats,
              terms: held.terms,
            });
          if (found.every(Boolean)) {
            const phrase = split.join(' ');
            const stats = allOf(found.map((one) => one!.stats));
            if (stats.parts.length > 0) alternatives.push({ term: `"${phrase}"`, phrase, stats });
          }
        } else {
          const variants = spellingVariants(baseForm(group[0]!));
          const short =
            [...variants[0]!].length < BEGINNING_LETTERS && !SYLLABIC_SCRIPT.test(variants[0]!);
          const found = await Promise.all(variants.map((variant) => this.#lookup(variant)));
          // A short word is found only whole: as a beginning, it is still being typed.
          const held = short ? found.map((one) => (one?.kind === 'word' ? one : undefined)) : found;
          // A letter begins words of other files (the directory files words by two letters).
          const begins = [...variants[0]!].length === 1 || found.some(Boolean);
          if (short && begins && held.every((one) => one === undefined))
            return { label: group.join(' '), alternatives: [], unfinished: true };
          variants.forEach((variant, i) => {
            const one = held[i];
            if (one)
              alternatives.push({
                term: variant,
                word: variant,
                prefix: one.kind === 'prefix',
                stats: one.stats,
                terms: one.terms,
              });
          });
        }
        return { label: group.join(' '), alternatives: alternatives.map(numberAlternative) };
      }),
    );
    parts.push(...groups);
    return parts;
  }

  /**
   * Starts loading the index chunks of the words typed so far in the newest part, the one every
   * search asks first, while an earlier search runs (Pagefind's `preload`).
   */
  preload(raw: string, options: SearchOptions): void {
    this.#preloadNames(raw, options);
    const query = this.parse(raw);
    const terms = [...query.words, ...query.phrases.flatMap((phrase) => phrase.split(' '))];
    const [newest] = this.#index.parts;
    // A word of a letter or two, as a reader starts typing, would load the chunks of every word
    // it begins: its own search (if not replaced by then) loads what it needs.
    if (!newest || terms.every((term) => [...term].length < 3)) return;
    // A lone rare word is found by its postings: the newest part's chunks would be wasted.
    const lone = query.phrases.length === 0 && query.names.length === 0 && terms.length === 1;
    void (async () => {
      if (lone && (await this.#posted(terms[0]!))) return;
      const { index } = await newest.open();
      await index.preload(terms.join(' '), this.#filters(options));
    })().catch(() => {});
  }

  /**
   * A name is searched by its tokens, not by the letters typed: while a reader is still typing
   * one (`Stoltenb`), the files its search will read are fetched, so that the last letter only
   * waits for the search. Those are the tokens' directory entries, then their postings when the
   * name is rare and all the query (as its search reads them), or else the newest part's index
   * chunks. Not when the letters begin more than a few names: most of it would be wasted.
   */
  #preloadNames(raw: string, options: SearchOptions): void {
    const begun = this.#namesBegun(raw);
    if (begun.length === 0 || begun.length > NAMES_PRELOADED) return;
    const [newest] = this.#index.parts;
    void Promise.all(
      begun.map(async ({ entry, start }) => {
        const tokens = [nameToken(entry.id), titleNameToken(entry.id)];
        const stats = await Promise.all(tokens.map((token) => this.#term(token)));
        const alone = isEmptyQuery(this.parse(raw.slice(0, start)));
        const postings = this.#postings;
        if (alone && postings && stats.every((held) => !held || this.#hasPostings(held))) {
          await Promise.all(
            tokens.filter((_, i) => stats[i]).map((token) => postings(postingFile(token))),
          );
          return;
        }
        const chunks = tokens.filter(
          (_, i) => newest && stats[i] && holdsIn(stats[i], newest.place),
        );
        if (!newest || chunks.length === 0) return;
        const { index } = await newest.open();
        await index.preload(chunks.join(' '), this.#filters(options));
      }),
    ).catch(() => {});
  }

  /**
   * Searches ahead for the names a reader is typing: `Stoltenb` is searched as `Stoltenberg`
   * too, the shortest spellings first, so that the last letter finds its answer in memory. The
   * worker runs it once a search is answered, when no newer one waits; `stale` gives it up, as
   * it gives a search up, for the next key, unless that key asks for the very query being
   * searched ahead (`stale` is asked with it): that request is answered by this search. Not when
   * the letters begin more than a few names.
   */
  async searchAhead(
    raw: string,
    options: SearchOptions,
    limit: number,
    stale: (completion: string) => boolean,
  ): Promise<void> {
    const begun = this.#namesBegun(raw);
    if (begun.length > NAMES_PRELOADED) return;
    const rests = begun.flatMap((beginning) => beginning.rests.filter(Boolean));
    const ahead = [...new Set(rests.map((rest) => raw + rest))]
      .sort((a, b) => a.length - b.length)
      .slice(0, SEARCHED_AHEAD);
    for (const completion of ahead) {
      const given = () => stale(completion);
      checkStale(given);
      await this.search(completion, options, limit, undefined, given);
    }
  }

  /** Whether a word typed is held only by terms with postings (see `#fromPostings`). */
  async #posted(word: string): Promise<boolean> {
    if (!this.#postings) return false;
    const held = await this.#lookup(baseForm(word));
    return held !== undefined && this.#hasPostings(held.stats);
  }

  /** Whether the directory has the postings of the terms `stats` stands for: all are rare. */
  #hasPostings(stats: TermStats): boolean {
    return stats.articles > 0 && stats.articles <= (this.#index.postings ?? 0);
  }

  #filters(options: SearchOptions): Record<string, unknown> {
    return options.tag ? { filters: { [TAG_FILTER]: options.tag } } : {};
  }

  /** A search of the words typed, less those still being typed (see `unfinished`). */
  async #search(
    raw: string,
    options: SearchOptions,
    limit: number,
    onProgress: ProgressListener | undefined,
    stale: (() => boolean) | undefined,
  ): Promise<SearchOutcome> {
    const query = this.parse(raw);
    if (isEmptyQuery(query)) return emptyOutcome(query);
    const [all, titleStats] = await Promise.all([
      this.#parts(query),
      Promise.all(query.names.map(async (name) => this.#term(titleNameToken(name.id)))),
    ]);
    const unfinished = all.filter((part) => part.unfinished).map((part) => part.label);
    const said = (outcome: SearchOutcome) =>
      unfinished.length > 0 ? { ...outcome, unfinished } : outcome;
    const parts = all.filter((part) => !part.unfinished);
    if (parts.length === 0) return said(emptyOutcome(query));
    const outcome = await this.#searchParts(
      query,
      parts,
      titleStats,
      options,
      limit,
      onProgress && ((first) => onProgress(said(first))),
      stale,
    );
    return said(outcome);
  }

  async #searchParts(
    query: ParsedQuery,
    parts: Part[],
    titleStats: (TermStats | undefined)[],
    options: SearchOptions,
    limit: number,
    onProgress: ProgressListener | undefined,
    stale: (() => boolean) | undefined,
  ): Promise<SearchOutcome> {
    checkStale(stale);
    const posted = await this.#fromPostings(query, parts, titleStats, options, limit, stale);
    if (posted) return posted;
    // A word in no article has no alternative: the query will be corrected, and a first answer
    // saying the word is in no article would only flash.
    const progress = parts.some((part) => part.alternatives.length === 0) ? undefined : onProgress;
    const { articles: archive, averageWords, newest } = this.#index;
    const idf = parts.map((part) =>
      part.alternatives.map((alternative) => inverseFrequency(archive, alternative.stats.articles)),
    );
    /** Per query part: the parts of the index that hold some alternative of it. */
    const holding = parts.map(
      (part) => (place: number) =>
        part.alternatives.some((alternative) => holdsIn(alternative.stats, place)),
    );
    // A part of the index that holds none of the query has nothing to give: it is not asked.
    const indexes = this.#index.parts.filter((index) =>
      holding.some((holds) => holds(index.place)),
    );

    // Sorted by date, Pagefind gives each part's articles newest first.
    const order = {
      ...(options.sort === 'date' ? { sort: { published: 'desc' } } : {}),
      ...this.#filters(options),
    };
    /** One part of the index: per query part, per alternative, its results; names in titles. */
    const searchIn = (index: PagefindIndex, { place, fragment }: IndexPart) =>
      Promise.all([
        Promise.all(
          parts.map((part) =>
            Promise.all(
              part.alternatives.map(async (alternative) =>
                holdsIn(alternative.stats, place)
                  ? // A match in the outline (meta) alone has no position in the content: no match.
                    (await index.search(alternative.term, order)).results
                      .filter((result) => result.words.length > 0)
                      .map((result) => recordsFrom(result, fragment))
                  : [],
              ),
            ),
          ),
        ),
        Promise.all(
          query.names.map(async (name, i) =>
            titleStats[i] && holdsIn(titleStats[i], place)
              ? (await index.search(titleNameToken(name.id), order)).results
              : [],
          ),
        ),
      ]);

    const counted = countedOf(parts);
    const articles = new Map<string, Candidate>();
    /** Per query part: whether any part of the index found it. */
    const found = parts.map(() => false);
    const searched = new Set<number>();
    /** Places in date order: those of all newer parts come first. */
    let placed = 0;
    let outcome = emptyOutcome(query);
    for (let p = 0; p < indexes.length; p++) {
      const { place } = indexes[p]!;
      const { index, documents } = await indexes[p]!.open();
      // Searches typed while the first part opened all wake here: only the newest goes on into
      // Pagefind, whose search cannot be stopped once it runs (a prefix of two letters is long).
      checkStale(stale);
      const [perPart, titles] = await searchIn(index, indexes[p]!);
      checkStale(stale);
      searched.add(place);
      const fresh: Candidate[] = [];
      let longest = 0;
      perPart.forEach((alternatives, i) => {
        alternatives.forEach((results, j) => {
          if (results.length > 0) found[i] = true;
          longest = Math.max(longest, results.length);
          results.forEach((result, rank) => {
            const key = `${p}:${result.id}`;
            let entry = articles.get(key);
            if (!entry) {
              entry = {
                id: key,
                results: parts.map((part) => part.alternatives.map(() => undefined)),
                parts: 0,
                near: 0,
                titled: 0,
                score: 0,
                place: placed + rank,
              };
              articles.set(key, entry);
              fresh.push(entry);
            }
            if (entry.results[i]!.every((known) => known === undefined)) entry.parts++;
            entry.results[i]![j] = result;
            entry.place = Math.min(entry.place, placed + rank);
          });
        });
      });
      for (const results of titles)
        for (const { id } of results) {
          const entry = articles.get(`${p}:${id}`);
          if (entry) entry.titled++;
        }
      // BM25 over the whole archive's counts, by the article's own length, times freshness.
      for (const entry of fresh) {
        const id = entry.id.slice(entry.id.indexOf(':') + 1);
        const document = documents.get(id);
        const words = document?.words ?? averageWords;
        const weight = entry.results.reduce(
          (sum, alternatives, i) =>
            sum +
            Math.max(
              0,
              ...alternatives.map((result, j) =>
                result ? termWeight(idf[i]![j]!, result.words.length, words, averageWords) : 0,
              ),
            ),
          0,
        );
        entry.score = weight * freshness(document?.day ?? newest, newest);
        entry.near = nearness(
          entry.results.map((alternatives) =>
            alternatives.flatMap((result) => result?.words ?? []),
          ),
        );
      }
      placed += longest;
      const rest = indexes.slice(p + 1);
      const candidates = [...articles.values()];
      const full = (article: Candidate) => article.parts === parts.length;
      const enough =
        options.sort === 'date'
          ? found.every(Boolean) && candidates.filter(full).length >= limit
          : this.#beaten(candidates, rest, { parts, idf, titleStats, limit });
      const done = rest.length === 0 || enough;
      if (!done && !progress) continue;
      // A part of the query not found yet is in no article once every part holding it is searched.
      const settled = parts.map(
        (_, i) =>
          found[i] ||
          this.#index.parts.every(
            (index) => !holding[i]!(index.place) || searched.has(index.place),
          ),
      );
      outcome = await this.#outcome(query, parts, candidates, {
        found: found.map((one, i) => one || !settled[i]),
        options,
        limit,
        exhaustive: rest.length === 0,
        searching: !done,
        counted,
        stale,
      });
      if (done) break;
      progress!(outcome);
    }
    // No part holds any of it: the outcome says what is in no article.
    if (indexes.length === 0)
      outcome = await this.#outcome(query, parts, [], {
        found: parts.map(() => false),
        options,
        limit,
        exhaustive: true,
        searching: false,
        counted,
      });
    return outcome;
  }

  /**
   * The outcome of a query of one part whose every way of being found is a rare term, one with
   * postings in the directory: ranked by them, with the fragments of the first `limit` articles
   * loaded, and no part of the index opened. Undefined for any other query, and when the parts
   * cannot give a fragment by itself.
   */
  async #fromPostings(
    query: ParsedQuery,
    parts: Part[],
    titleStats: (TermStats | undefined)[],
    options: SearchOptions,
    limit: number,
    stale: (() => boolean) | undefined,
  ): Promise<SearchOutcome | undefined> {
    const loader = this.#postings;
    const { articles: archive, averageWords, newest } = this.#index;
    const posted = (stats: TermStats) => this.#hasPostings(stats);
    const [only] = parts;
    // Sorted by date or within a tag, Pagefind's sort and filter decide.
    if (!loader || !only || parts.length !== 1 || options.sort !== 'relevance' || options.tag)
      return undefined;
    const { alternatives } = only;
    if (
      alternatives.length === 0 ||
      !alternatives.every((one) => one.phrase === undefined && one.terms && posted(one.stats)) ||
      titleStats.some((stats) => stats !== undefined && !posted(stats))
    )
      return undefined;
    const byPlace = new Map(this.#index.parts.map((part) => [part.place, part]));
    if (![...byPlace.values()].every((part) => part.fragment)) return undefined;
    const postingsOf = async (term: string) => (await loader(postingFile(term))).get(term) ?? [];
    const [held, titles] = await Promise.all([
      Promise.all(alternatives.map((one) => Promise.all(one.terms!.map(postingsOf)))),
      Promise.all(
        query.names.map((name, i) =>
          titleStats[i] ? postingsOf(titleNameToken(name.id)) : Promise.resolve([]),
        ),
      ),
    ]);

    const candidates = new Map<string, Candidate>();
    const records = new Map<string, Promise<PagefindRecord>>();
    const record = (posting: Posting) => {
      const key = `${posting.place}:${posting.id}`;
      let loaded = records.get(key);
      if (!loaded) {
        loaded = byPlace.get(posting.place)!.fragment!(posting.id);
        records.set(key, loaded);
      }
      return loaded;
    };
    held.forEach((forms, j) => {
      const idf = inverseFrequency(archive, alternatives[j]!.stats.articles);
      // An article's occurrences of any of the alternative's forms.
      const occurrences = new Map<string, { posting: Posting; count: number }>();
      for (const posting of forms.flat()) {
        const key = `${posting.place}:${posting.id}`;
        const known = occurrences.get(key);
        if (known) known.count += posting.occurrences;
        else occurrences.set(key, { posting, count: posting.occurrences });
      }
      for (const [key, { posting, count }] of occurrences) {
        let entry = candidates.get(key);
        if (!entry) {
          entry = {
            id: key,
            results: [alternatives.map(() => undefined)],
            parts: 1,
            near: 0,
            titled: 0,
            score: 0,
            place: 0,
          };
          candidates.set(key, entry);
        }
        entry.results[0]![j] = {
          id: posting.id,
          score: 0,
          words: [],
          data: () => record(posting),
        };
        entry.score = Math.max(
          entry.score,
          termWeight(idf, count, posting.words, averageWords) * freshness(posting.day, newest),
        );
      }
    });
    for (const list of titles)
      for (const posting of list) {
        const entry = candidates.get(`${posting.place}:${posting.id}`);
        if (entry) entry.titled++;
      }
    checkStale(stale);
    // The positions of the articles shown, from their records, as Pagefind would give them.
    const all = [...candidates.values()];
    const shown = [...all].sort(compareRelevance).slice(0, limit);
    await Promise.all(
      shown.map(async ({ results: [found] }) => {
        const record = await found!.find((result) => result !== undefined)!.data();
        checkStale(stale);
        const words = prepare(record)?.words ?? record.content.split(/\s+/).filter(Boolean);
        found!.forEach((result, j) => {
          if (result) result.words = positionsOf(words, alternatives[j]!);
        });
      }),
    );
    return this.#outcome(query, parts, all, {
      found: [all.length > 0],
      options,
      limit,
      exhaustive: true,
      searching: false,
      counted: countedOf(parts),
      stale,
    });
  }

  /**
   * Whether no article of the parts not yet searched (`rest`) can rank among the first `limit`:
   * the best any of them could do (the query parts it holds, the names in titles it holds, and
   * each term's most weight at its newest article's freshness) is below the `limit`th found.
   */
  #beaten(
    candidates: Candidate[],
    rest: readonly IndexPart[],
    context: {
      parts: Part[];
      idf: number[][];
      titleStats: (TermStats | undefined)[];
      limit: number;
    },
  ): boolean {
    const { parts, idf, titleStats, limit } = context;
    if (candidates.length < limit) return false;
    const last = [...candidates].sort(compareRelevance)[limit - 1]!;
    return rest.every((index) => {
      let held = 0;
      let weight = 0;
      parts.forEach((part, i) => {
        let best = 0;
        part.alternatives.forEach((alternative, j) => {
          if (holdsIn(alternative.stats, index.place))
            best = Math.max(best, termBound(idf[i]![j]!));
        });
        if (best > 0) held++;
        weight += best;
      });
      const near = parts.length > 1 && held === parts.length ? 1 : 0;
      const titled = titleStats.filter((stats) => stats && holdsIn(stats, index.place)).length;
      const score = weight * freshness(index.newest, this.#index.newest);
      // Ties in score could go either way: only a bound strictly below is beaten.
      return (
        held < last.parts ||
        (held === last.parts &&
          (near < last.near ||
            (near === last.near &&
              (titled < last.titled || (titled === last.titled && score < last.score)))))
      );
    });
  }

  /** The outcome from the candidates found so far: ranked, the first `limit` loaded. */
  async #outcome(
    query: ParsedQuery,
    parts: Part[],
    candidates: Candidate[],
    context: {
      /** Per query part: found, or perhaps in a part of the index not searched yet. */
      found: boolean[];
      options: SearchOptions;
      limit: number;
      exhaustive: boolean;
      searching: boolean;
      /**
       * The most articles the directory says hold one of the query's terms, and whether that is
       * how many match.
       */
      counted: { articles: number; exact: boolean };
      /** Says when a newer search is waiting: then this one stops as each fragment arrives. */
      stale?: (() => boolean) | undefined;
    },
  ): Promise<SearchOutcome> {
    const { found, options, limit, stale } = context;
    // A word the index does not hold has no alternative; a phrase or name may find nothing (in
    // no part: a first answer does not know yet, and says nothing is missing). Within a tag,
    // finding nothing says nothing of the rest of the archive.
    const missing = context.searching
      ? []
      : parts
          .filter((part, i) => part.alternatives.length === 0 || (!options.tag && !found[i]))
          .map((part) => part.label);
    // Articles holding every part first, then those with some (most parts first); within each,
    // by score, or by date (the first place any part's list gives them).
    const ranked = candidates.sort((a, b) =>
      options.sort === 'date' ? b.parts - a.parts || a.place - b.place : compareRelevance(a, b),
    );
    const loaded = await Promise.all(
      ranked
        .slice(0, limit)
        .map((article) => this.#article(article.results, parts, query, missing.length > 0, stale)),
    );
    const shown = loaded.filter(
      (article): article is ArticleResult => article !== undefined && article.hits.length > 0,
    );
    // Pagefind matches prefixes and numbers within numbers: what is left once the passages are
    // read decides. Articles with passages holding every part first, then those holding the
    // words as typed, then those with the words in the headline (unless sorted by date).
    const rank = (article: ArticleResult) => {
      const [best] = article.hits;
      if (!best?.complete) return 0;
      if (options.sort === 'date') return 1;
      return (
        1 +
        Number(best.asTyped) * 2 +
        Number(article.hits.some((hit) => hit.kind === 'headline' && hit.complete))
      );
    };
    const results = shown
      .map((article, index) => ({ article, index, rank: rank(article) }))
      .sort((a, b) => b.rank - a.rank || a.index - b.index)
      .map(({ article }) => article);
    // Articles that Pagefind says hold every part, less those loaded that hold them in no one
    // passage (the rest cannot be known without loading them).
    const full = (article: Candidate) => missing.length === 0 && article.parts === parts.length;
    const notComplete = ranked
      .slice(0, limit)
      .filter(
        (article, index) => full(article) && !loaded[index]?.hits.some((hit) => hit.complete),
      );
    // Parts not searched hold more: the directory's count of articles holding a term is at
    // least how many match, and for some queries exactly (not within a tag: it counts them all).
    const { counted } = context;
    const exact = counted.exact && !options.tag && missing.length === 0;
    const atLeast = context.exhaustive || options.tag ? 0 : counted.articles;
    const complete = ranked.filter(full).length - notComplete.length;
    const total = Math.max(ranked.length - (loaded.length - shown.length), atLeast);
    return {
      query,
      articles: results,
      total: exact ? counted.articles : total,
      complete: exact
        ? counted.articles
        : parts.length === 1 && missing.length === 0
          ? Math.max(complete, atLeast)
          : complete,
      missing,
      partial: results.some((article) => article.hits.some((hit) => !hit.complete)),
      exhaustive: context.exhaustive || exact,
      searching: context.searching,
    };
  }

  /** One article's passages: which blocks each part matched, marked. */
  async #article(
    results: (PagefindResult | undefined)[][],
    parts: Part[],
    query: ParsedQuery,
    anyMissing: boolean,
    stale?: () => boolean,
  ): Promise<ArticleResult | undefined> {
    // Every part's result is the same article: its record is loaded once.
    const first = await results
      .flat()
      .find((result) => result !== undefined)
      ?.data();
    checkStale(stale);
    const prepared = first && prepare(first);
    if (!first || !prepared) return undefined;
    const { outline, words, starts, texts } = prepared;
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
    const blocks = texts.map((text) => ({ text, hitBy: new Set<number>(), ranges: [] as Range[] }));

    parts.forEach((part, i) => {
      part.alternatives.forEach((alternative, j) => {
        const result = results[i]![j];
        if (!result) return;
        if (alternative.phrase !== undefined) {
          blocks.forEach((block) => {
            const ranges = phraseRanges(block.text, alternative.phrase!);
            if (ranges.length === 0) return;
            block.hitBy.add(i);
            block.ranges.push(...ranges);
          });
          return;
        }
        /** Whether a word of the text is what this alternative asks for. */
        const asked = asks(alternative);
        if (alternative.token) {
          // The token is at the end of the block: the words it stands for are in the block.
          for (const index of new Set(result.words.map(blockOf))) {
            const block = blocks[index]!;
            const positions = block.text
              .split(' ')
              .flatMap((written, position) => (asked(written) ? [position] : []));
            if (positions.length === 0) continue;
            block.hitBy.add(i);
            block.ranges.push(...wordRanges(block.text, positions, [alternative.word!]));
          }
          return;
        }
        const byBlock = new Map<number, number[]>();
        for (const position of result.words) {
          // Pagefind finds `Warsaw` for `war` and `offensive` for `of`: only what is asked for.
          if (!asked(words[position] ?? '')) continue;
          const index = blockOf(position);
          byBlock.set(index, [...(byBlock.get(index) ?? []), position - starts[index]!]);
        }
        for (const [index, positions] of byBlock) {
          const block = blocks[index]!;
          block.hitBy.add(i);
          if (alternative.nameId) {
            for (const match of (prepared.names[index] ??= this.#findNames(block.text))) {
              if (match.entry.id === alternative.nameId)
                block.ranges.push([match.start, match.end]);
            }
          } else {
            block.ranges.push(
              ...wordRanges(block.text, positions, alternative.word ? [alternative.word] : []),
            );
          }
        }
      });
    });

    // The unquoted words as typed, in a row: `battle of attrition` finds that phrase first.
    // (Not a name alone: any of its spellings is as good as the one typed.)
    const sequence = parts.length > 1 && query.sequence.includes(' ') ? query.sequence : '';

    // Pagefind prefixes the address it was loaded from (the origin too, in a worker).
    const address = new URL(first.url, location.href);
    const articleUrl = address.origin === location.origin ? address.pathname : address.href;
    const { titleWords } = prepared;
    const hits: Hit[] = [];
    let titleMarks: Range[] = [];
    outline.blocks.forEach(([id, kind, section], index) => {
      const block = blocks[index]!;
      if (block.hitBy.size === 0) return;
      let text = block.text;
      let ranges = mergeRanges(block.ranges);
      const asTyped = sequence !== '' && phraseRanges(text, sequence).length > 0;
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
        asTyped,
      });
    });
    // Passages with every part first, those with the words as typed before them, each group in
    // reading order.
    hits.sort(
      (a, b) =>
        Number(b.complete) - Number(a.complete) ||
        Number(b.asTyped) - Number(a.asTyped) ||
        a.order - b.order,
    );
    return {
      url: articleUrl,
      title: outline.title,
      titleMarks,
      published: outline.published,
      hits,
    };
  }

  /**
   * The query with each word that is in no article replaced by the closest spelling that is:
   * first a glossary name (Stoltenburg, Selenskyj, Charkiw), then an indexed word. Undefined
   * when no word has one.
   */
  async #corrected(raw: string, outcome: SearchOutcome): Promise<string | undefined> {
    let searched = raw;
    let changed = false;
    for (const label of outcome.missing) {
      if (!outcome.query.words.includes(label) || !/^\p{L}+$/u.test(baseForm(label))) continue;
      const better = await this.#closest(baseForm(label), label);
      if (!better) continue;
      searched = searched.replace(label, better);
      changed = true;
    }
    return changed ? searched.trim() : undefined;
  }

  /** The spelling closest to a word in no article, as written in the glossary or the index. */
  async #closest(word: string, typed: string): Promise<string | undefined> {
    const allowance = typoAllowance(word);
    const skeleton = transliterationSkeleton(word);
    if ([...word].length < 4) return undefined;
    let best: { spelling: string; distance: number } | undefined;
    const consider = (spelling: string, folded: string, penalty: number) => {
      const distance =
        (transliterationSkeleton(folded) === skeleton
          ? 0.5
          : editDistance(word, folded, allowance)) + penalty;
      if (distance > allowance + penalty || distance === 0) return;
      if (!best || distance < best.distance) best = { spelling, distance };
    };
    // The glossary's spellings, word by word: a name written as in the text.
    for (const entry of this.#glossary) {
      for (const spelling of entry.spellings) {
        if (isAcronym(spelling)) continue;
        for (const part of spelling.split(/\s+/)) {
          if ([...part].length >= 4) consider(part, fold(part), 0);
        }
      }
    }
    // Indexed words that begin like it, or as its transliterations may; the index holds them
    // folded, so they are written with the case typed (Charkiw: Kharkiv).
    const files = new Set([
      termFile(word),
      ...skeletonBeginnings(word).map((start) => termFile(start)),
    ]);
    const cased = (form: string) =>
      typed === typed.toUpperCase()
        ? form.toUpperCase()
        : /^\p{Lu}/u.test(typed)
          ? form[0]!.toUpperCase() + form.slice(1)
          : form;
    for (const file of files) {
      for (const form of (await this.#directory(file)).keys()) {
        if (/^\p{L}+$/u.test(form) && !matchesWhole(form)) consider(cased(form), form, 0.25);
      }
    }
    return (best as { spelling: string } | undefined)?.spelling;
  }
}
