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
 * Gathers the directory as the indexer goes through the parts, oldest first: `addPart` each
 * part's terms with their counts (`summarizePart`), then `files()`.
 */
export class DirectoryBuilder {
  readonly #terms = new Map<string, { articles: number; parts: number[] }>();

  /** A whole part's terms, each with how many of its articles hold it (parts in order). */
  addPart(part: number, terms: Iterable<readonly [term: string, articles: number]>): void {
    for (const [term, articles] of terms) {
      const known = this.#terms.get(term);
      if (!known) this.#terms.set(term, { articles, parts: [part] });
      else {
        known.articles += articles;
        if (known.parts.at(-1) !== part) known.parts.push(part);
      }
    }
  }

  get size(): number {
    return this.#terms.size;
  }

  /** The directory's files by name (`<file>.txt`), terms sorted, and `files.json`. */
  files(): Map<string, string> {
    const groups = new Map<string, string[]>();
    for (const term of this.#terms.keys()) {
      const file = termFile(term);
      const terms = groups.get(file);
      if (terms) terms.push(term);
      else groups.set(file, [term]);
    }
    const names = [...groups.keys()].sort();
    const files = new Map<string, string>();
    for (const name of names) {
      const terms = groups.get(name)!.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const lines = terms.map((term) => directoryLine(term, this.#terms.get(term)!));
      files.set(`${name}.txt`, `${lines.join('\n')}\n`);
    }
    files.set('files.json', JSON.stringify(names));
    return files;
  }
}
