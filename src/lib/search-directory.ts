/**
 * The word directory: for every term the index holds (each form of each word, and the name and
 * number tokens), how many articles hold it and which parts of the index (`search-parts.ts`)
 * they are in. Shared by the indexer, which writes it, and the search worker, which reads it.
 * No Node imports: the worker bundles this.
 *
 * It is what lets a search read only some parts: a part that holds none of a query's terms is
 * never asked, and counts over the whole archive (for each term's weight) are known before any
 * part answers, so an article scores the same however the index is cut.
 *
 * It is written as the vocabulary's files (`search/words/<file>.txt`): one term a line, then a
 * tab, the number of articles holding it, a tab, and its parts (`0-3,7`: part 0 is the oldest).
 *
 * A rare term (held by at most the manifest's `postings` articles) also has its postings, in
 * `search/words/postings/<file>.txt`: every article holding it, with what ranking needs (its
 * part, Pagefind's id, how often it says the term, its length, its day). A search for it reads
 * those and the articles' fragments, and no part of the index at all: a rare word is otherwise
 * in as many parts as articles, and each would be opened to find one or two.
 */
import { isToken } from './search-outline';
import { vocabularyFile } from './search-words';

export interface TermStats {
  /** Articles of the whole archive that hold the term. */
  articles: number;
  /** The parts that hold it (their place, 0 the oldest part), ascending. */
  parts: readonly number[];
}

/** Letters of a token that name its file: tokens (`zzd2022zz`) share their first two letters. */
const TOKEN_FILE_LETTERS = 5;

/** One article that holds a rare term: where it is, and what BM25 and freshness need. */
export interface Posting {
  /** The part it is in (its place, 0 the oldest). */
  place: number;
  /** Pagefind's id of it in that part (its fragment's name). */
  id: string;
  /** How often its record says the term. */
  occurrences: number;
  /** Words in its record. */
  words: number;
  /** The day it was published (`publishedDay`). */
  day: number;
}

/** The folder of the postings' files, within the directory's. */
export const POSTINGS_DIR = 'postings';

/**
 * Letters of a word (and of a token) that name its postings' file: more than the directory's
 * files, because only the one term searched is wanted from it.
 */
const POSTING_FILE_LETTERS = 4;
const TOKEN_POSTING_FILE_LETTERS = 8;

/** The file of the postings a rare term's are in (`POSTINGS_DIR`). */
export function postingFile(term: string): string {
  return vocabularyFile(term, isToken(term) ? TOKEN_POSTING_FILE_LETTERS : POSTING_FILE_LETTERS);
}

/** One line of a postings file. */
export function postingLine(term: string, postings: readonly Posting[]): string {
  const items = postings.map(({ place, id, occurrences, words, day }) => {
    if (!/^[\w-]+$/.test(id)) throw new Error(`A Pagefind id the postings cannot hold: ${id}`);
    return `${place}:${id}:${occurrences}:${words}:${day}`;
  });
  return `${term}\t${items.join(',')}`;
}

/** A postings file's terms, each with its postings. */
export function parsePostings(text: string): Map<string, Posting[]> {
  const terms = new Map<string, Posting[]>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [term = '', items = ''] = line.split('\t');
    terms.set(
      term,
      items
        .split(',')
        .filter(Boolean)
        .map((item) => {
          const [place = '', id = '', occurrences = '', words = '', day = ''] = item.split(':');
          return {
            place: Number(place),
            id,
            occurrences: Number(occurrences),
            words: Number(words),
            day: Number(day),
          };
        }),
    );
  }
  return terms;
}

/** The file of the directory a term is listed in (a word's is its vocabulary file). */
export function termFile(term: string): string {
  return isToken(term) ? vocabularyFile(term, TOKEN_FILE_LETTERS) : vocabularyFile(term);
}

/** `[0, 1, 2, 3, 7]` as `0-3,7`. */
export function encodeParts(parts: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const start = parts[i]!;
    while (i + 1 < parts.length && parts[i + 1] === parts[i]! + 1) i++;
    runs.push(parts[i] === start ? String(start) : `${start}-${parts[i]}`);
  }
  return runs.join(',');
}

/** `0-3,7` as `[0, 1, 2, 3, 7]`. */
export function decodeParts(text: string): number[] {
  const parts: number[] = [];
  for (const run of text.split(',')) {
    if (!run) continue;
    const [start, end = start] = run.split('-').map(Number) as [number, number?];
    for (let part = start; part <= end; part++) parts.push(part);
  }
  return parts;
}

/** One line of a directory file. */
export function directoryLine(term: string, stats: TermStats): string {
  return `${term}\t${stats.articles}\t${encodeParts(stats.parts)}`;
}

/** A directory file's terms; the parts of each are decoded when first asked for. */
export function parseDirectory(text: string): Map<string, TermStats> {
  const terms = new Map<string, TermStats>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [term = '', articles = '0', parts = ''] = line.split('\t');
    let decoded: number[] | undefined;
    terms.set(term, {
      articles: Number(articles),
      get parts() {
        return (decoded ??= decodeParts(parts));
      },
    });
  }
  return terms;
}

/** Stats of several terms as one: any of them (the union of parts, the most articles). */
export function anyOf(stats: readonly TermStats[]): TermStats {
  const parts = new Set<number>();
  let articles = 0;
  for (const one of stats) {
    articles = Math.max(articles, one.articles);
    for (const part of one.parts) parts.add(part);
  }
  return { articles, parts: [...parts].sort((a, b) => a - b) };
}

/** Stats of several terms that must all be there (a phrase's words): parts that hold all. */
export function allOf(stats: readonly TermStats[]): TermStats {
  if (stats.length === 0) return { articles: 0, parts: [] };
  let parts = new Set(stats[0]!.parts);
  for (const one of stats.slice(1)) {
    const held = new Set(one.parts);
    parts = new Set([...parts].filter((part) => held.has(part)));
  }
  return {
    articles: Math.min(...stats.map((one) => one.articles)),
    parts: [...parts].sort((a, b) => a - b),
  };
}

/**
 * A part's terms as its summary gives them: each with how many of the part's articles hold it,
 * and, when that is at most the postings' limit, which of them (their index in the part's
 * `documents`) and how often each says it.
 */
export type PartTerm = readonly [
  term: string,
  articles: number,
  postings?: readonly (readonly [article: number, occurrences: number])[],
];

/** What the directory needs of a part's articles to write postings (`PartDocuments`). */
export interface PartArticles {
  ids: readonly string[];
  days: readonly number[];
  words: readonly number[];
}

/**
 * Gathers the directory as the indexer goes through the parts, oldest first: `addPart` each
 * part's terms with their counts (`summarizePart`), then `files()`. With a `postings` limit, the
 * terms that end up held by at most that many articles get their postings written too.
 */
export class DirectoryBuilder {
  readonly #terms = new Map<string, { articles: number; parts: number[] }>();
  /**
   * Postings of the terms held by at most `#limit` articles so far, flat (part, article in the
   * part's `#articles`, occurrences; and again): an archive's rare terms are most of its terms.
   */
  readonly #postings = new Map<string, number[]>();
  /** Each part's articles, by its place. */
  readonly #articles: PartArticles[] = [];
  readonly #limit: number;

  constructor(postings = 0) {
    this.#limit = postings;
  }

  /**
   * A whole part's terms, each with how many of its articles hold it (parts in order), and with
   * postings the part's `articles` (needed when there is a postings limit).
   */
  addPart(part: number, terms: Iterable<PartTerm>, articles?: PartArticles): void {
    if (articles) this.#articles[part] = articles;
    for (const [term, count, postings] of terms) {
      const known = this.#terms.get(term);
      if (!known) this.#terms.set(term, { articles: count, parts: [part] });
      else {
        known.articles += count;
        if (known.parts.at(-1) !== part) known.parts.push(part);
      }
      const total = known?.articles ?? count;
      if (total > this.#limit) {
        this.#postings.delete(term);
        continue;
      }
      if (!postings || !articles) {
        throw new Error(`Part ${part} of the index came without the postings of ${term}`);
      }
      const list = this.#postings.get(term) ?? [];
      for (const [article, occurrences] of postings) list.push(part, article, occurrences);
      this.#postings.set(term, list);
    }
  }

  get size(): number {
    return this.#terms.size;
  }

  /** How many terms have their postings written. */
  get posted(): number {
    return this.#postings.size;
  }

  /**
   * The directory's files by name (`<file>.txt`), terms sorted, `files.json`, and the postings'
   * files (`postings/<file>.txt`).
   */
  files(): Map<string, string> {
    const files = new Map<string, string>();
    const names = this.#write(this.#terms.keys(), termFile, files, '', (term) =>
      directoryLine(term, this.#terms.get(term)!),
    );
    files.set('files.json', JSON.stringify(names));
    this.#write(this.#postings.keys(), postingFile, files, `${POSTINGS_DIR}/`, (term) =>
      postingLine(term, this.#postingsOf(term)),
    );
    return files;
  }

  #postingsOf(term: string): Posting[] {
    const flat = this.#postings.get(term)!;
    const postings: Posting[] = [];
    for (let i = 0; i < flat.length; i += 3) {
      const [place, article, occurrences] = [flat[i]!, flat[i + 1]!, flat[i + 2]!];
      const { ids, words, days } = this.#articles[place]!;
      postings.push({
        place,
        id: ids[article]!,
        occurrences,
        words: words[article]!,
        day: days[article]!,
      });
    }
    return postings;
  }

  /** Writes `terms` into `files`, grouped by `fileOf`, sorted; returns the files' names. */
  #write(
    terms: Iterable<string>,
    fileOf: (term: string) => string,
    files: Map<string, string>,
    folder: string,
    line: (term: string) => string,
  ): string[] {
    const groups = new Map<string, string[]>();
    for (const term of terms) {
      const file = fileOf(term);
      const group = groups.get(file);
      if (group) group.push(term);
      else groups.set(file, [term]);
    }
    const names = [...groups.keys()].sort();
    for (const name of names) {
      const sorted = groups.get(name)!.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      files.set(`${folder}${name}.txt`, `${sorted.map(line).join('\n')}\n`);
    }
    return names;
  }
}
