import { foldKeepingPositions } from '../lib/fold';
import { baseForm, formMatches, joinedForm } from '../lib/search-words';

/** A span of text to mark, as [start, end) character offsets. */
export type Range = [number, number];

/**
 * The character ranges of the words at the given positions (Pagefind's `locations`, which count
 * words split on white space). Within a word such as `onerror=alert("standfirst")>` only the
 * part that matches one of `queryWords` is marked;
 * punctuation around a word never is.
 */
export function wordRanges(
  text: string,
  positions: Iterable<number>,
  queryWords: readonly string[] = [],
): Range[] {
  const wanted = new Set(positions);
  const query = queryWords.map(baseForm).filter(Boolean);
  const ranges: Range[] = [];
  let index = 0;
  for (const match of text.matchAll(/\S+/g)) {
    if (wanted.has(index)) {
      const word = match[0].replace(/[^\p{L}\p{N}$%]+$/u, '').replace(/^[^\p{L}\p{N}$€£]+/u, '');
      const start = match.index + match[0].indexOf(word);
      // The whole word when it is one piece or what a query word asks for as a whole (Mig-29
      // for `mig29`); else only its pieces that are (the "standfirst" of
      // `onerror=alert("standfirst")`, the 首都 of 首都，也是, the Mig of Mig-29 for `mig`).
      const split = [...word.matchAll(/[\p{L}\p{N}$]+/gu)];
      const whole =
        split.length <= 1 ||
        query.some(
          (atom) =>
            formMatches(atom, joinedForm(word)) && [...atom].length > [...split[0]![0]].length,
        );
      const matching =
        query.length > 0 && !whole
          ? split.filter((part) =>
              query.some((atom) => formMatches(atom, foldKeepingPositions(part[0]))),
            )
          : [];
      if (matching.length > 0) {
        for (const part of matching)
          ranges.push([start + part.index, start + part.index + part[0].length]);
      } else if (word) {
        ranges.push([start, start + word.length]);
      }
    }
    index++;
  }
  return ranges;
}

/** Sorts and merges overlapping or touching ranges. */
export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * Appends `text` to `parent` with the ranges wrapped in `<mark>`. Only text nodes are created:
 * an article that contains something like `<script>` shows it as text.
 */
export function appendMarked(parent: Node, text: string, ranges: Range[]): void {
  const document = parent.ownerDocument ?? (parent as Document);
  let at = 0;
  for (const [start, end] of mergeRanges(ranges)) {
    if (start > at) parent.appendChild(document.createTextNode(text.slice(at, start)));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(start, end);
    parent.appendChild(mark);
    at = end;
  }
  if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
}

/** Ranges of whole-word occurrences of any of `words` in `text`, exactly as written. */
export function occurrenceRanges(text: string, words: readonly string[]): Range[] {
  const ranges: Range[] = [];
  for (const word of new Set(words)) {
    if (!word) continue;
    let from = 0;
    for (let at = text.indexOf(word, from); at >= 0; at = text.indexOf(word, from)) {
      const before = text[at - 1] ?? ' ';
      const after = text[at + word.length] ?? ' ';
      if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after))
        ranges.push([at, at + word.length]);
      from = at + word.length;
    }
  }
  return ranges;
}

/** Ranges of every occurrence of a phrase, ignoring case, accents and the punctuation between words. */
export function phraseRanges(text: string, phrase: string): Range[] {
  const words = foldKeepingPositions(phrase).match(/[\p{L}\p{N}$%]+/gu);
  if (!words) return [];
  const body = words.map((word) => word.replace(/[$]/g, '\\$&')).join('[^\\p{L}\\p{N}]+');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'gu');
  return [...foldKeepingPositions(text).matchAll(pattern)].map((match): Range => [
    match.index,
    match.index + match[0].length,
  ]);
}

/**
 * Wraps whole-word occurrences of `words` in `<mark>` inside `root`, touching only text nodes
 * (links and other elements stay as they are).
 */
export function markWordsIn(root: Element, words: readonly string[]): number {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  let count = 0;
  for (const node of nodes) {
    const ranges = occurrenceRanges(node.data, words);
    if (ranges.length === 0) continue;
    const fragment = root.ownerDocument.createDocumentFragment();
    appendMarked(fragment, node.data, ranges);
    count += ranges.length;
    node.replaceWith(fragment);
  }
  return count;
}

/**
 * A window of about `length` characters of `text` around its first marked range, cut at word
 * breaks, with `…` where text was left out; the ranges moved to match. Short texts are whole.
 */
export function excerpt(
  text: string,
  ranges: Range[],
  length: number,
): { text: string; ranges: Range[] } {
  if (text.length <= length) return { text, ranges };
  const [first] = mergeRanges(ranges);
  // Some context before the first mark, the rest after it.
  let start = Math.max(
    0,
    Math.min((first?.[0] ?? 0) - Math.round(length / 4), text.length - length),
  );
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < (first?.[0] ?? text.length) ? space + 1 : start;
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > (first?.[1] ?? start)) end = space;
  }
  const before = start > 0 ? '… ' : '';
  const after = end < text.length ? ' …' : '';
  const shift = before.length - start;
  return {
    text: `${before}${text.slice(start, end)}${after}`,
    ranges: ranges
      .filter(([from, to]) => from >= start && to <= end)
      .map(([from, to]): Range => [from + shift, to + shift]),
  };
}
