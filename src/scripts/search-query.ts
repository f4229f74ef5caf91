import { foldPunctuation } from '../lib/fold';
import type { NameMatch } from '../lib/names';
import { segmentWords } from '../lib/segment';

/** A search as the reader typed it, taken apart. */
export interface ParsedQuery {
  /** Exact phrases, from straight or curly double quotes. */
  phrases: string[];
  /** Glossary names found outside the quotes, by entry id, each with the words typed. */
  names: { id: string; typed: string }[];
  /** The remaining words, as typed, without the punctuation around them or a possessive ending. */
  words: string[];
  /** Everything outside quotes, in order, names too: ranks passages that hold it as typed. */
  sequence: string;
}

/** A possessive ending after a word: `Kiev's`, `Kiev’s`, and the apostrophe of `allies'`. */
const possessives = /(?<=\p{L})'s(?![\p{L}\p{N}])|(?<=\p{L}s)'(?![\p{L}\p{N}])/gu;

/** Punctuation around a word that is not part of it; `$`, `%`, inner hyphens and dots stay. */
const edgePunctuation = /^[^\p{L}\p{N}$€£]+|[^\p{L}\p{N}%]+$/gu;

export function parseQuery(raw: string, findNames: (text: string) => NameMatch[]): ParsedQuery {
  // Words are broken the way the index broke them (Chinese, Japanese, Thai have no spaces).
  // Quotes as phones and word processors type them are read as `"` and `'`.
  const text = segmentWords(foldPunctuation(raw));
  const phrases: string[] = [];
  // A quote with no partner is read as plain text.
  const rest = text
    .replace(/"([^"]*)"/g, (_, phrase: string) => {
      const words = phrase.trim().split(/\s+/).filter(Boolean).join(' ');
      if (words) phrases.push(words);
      return ' ';
    })
    .replace(/"/g, ' ')
    // `Kiev's` searches Kiev: a bare "s" is never a word of the query.
    .replace(possessives, '');

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
  const sequence = rest
    .split(/\s+/)
    .map((word) => word.replace(edgePunctuation, ''))
    .filter(Boolean)
    .join(' ');
  return { phrases, names, words, sequence };
}

/** True when there is nothing to search for. */
export function isEmptyQuery(query: ParsedQuery): boolean {
  return query.phrases.length === 0 && query.names.length === 0 && query.words.length === 0;
}
