import type { NameMatch } from '../lib/names';
import { segmentWords } from '../lib/segment';

/** A search as the reader typed it, taken apart. */
export interface ParsedQuery {
  /** Exact phrases, from straight or curly double quotes. */
  phrases: string[];
  /** Glossary names found outside the quotes, by entry id, each with the words typed. */
  names: { id: string; typed: string }[];
  /** The remaining words. */
  words: string[];
}

/** Double quotes as phones and word processors type them, all read as `"`. */
const doubleQuotes = /[“”„‟″«»＂]/g;

/** Punctuation around a word that is not part of it; `$`, `%`, inner hyphens and dots stay. */
const edgePunctuation = /^[^\p{L}\p{N}$€£]+|[^\p{L}\p{N}%]+$/gu;

export function parseQuery(raw: string, findNames: (text: string) => NameMatch[]): ParsedQuery {
  // Words are broken the way the index broke them (Chinese, Japanese, Thai have no spaces).
  const text = segmentWords(raw.replace(doubleQuotes, '"'));
  const phrases: string[] = [];
  // A quote with no partner is read as plain text.
  const rest = text
    .replace(/"([^"]*)"/g, (_, phrase: string) => {
      const words = phrase.trim().split(/\s+/).filter(Boolean).join(' ');
      if (words) phrases.push(words);
      return ' ';
    })
    .replace(/"/g, ' ');

  const names: ParsedQuery['names'] = [];
  let remaining = '';
  let from = 0;
  for (const match of findNames(rest)) {
    if (match.start < from) continue;
    if (!names.some((name) => name.id === match.entry.id)) {
      names.push({ id: match.entry.id, typed: rest.slice(match.start, match.end) });
    }
    remaining += `${rest.slice(from, match.start)} `;
    from = match.end;
  }
  remaining += rest.slice(from);

  const words = remaining
    .split(/\s+/)
    .map((word) => word.replace(edgePunctuation, ''))
    .filter(Boolean);
  return { phrases, names, words };
}

/** True when there is nothing to search for. */
export function isEmptyQuery(query: ParsedQuery): boolean {
  return query.phrases.length === 0 && query.names.length === 0 && query.words.length === 0;
}
