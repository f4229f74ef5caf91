/** A span of text to mark, as [start, end) character offsets. */
export type Range = [number, number];

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/** A text word matches a query word when either starts with the other (Pagefind stems and prefixes). */
function matchesAny(word: string, queryWords: readonly string[]): boolean {
  const folded = fold(word).replace(/-/g, '');
  return queryWords.some(
    (query) => folded.startsWith(query) || (folded.length >= 3 && query.startsWith(folded)),
  );
}

/**
 * The character ranges of the words at the given positions (Pagefind's `locations`, which count
 * words split on white space). Within a word such as `onerror=alert("standfirst")>` only the
 * part that matches one of `queryWords` is marked; punctuation around a word never is.
 */
export function wordRanges(
  text: string,
  positions: Iterable<number>,
  queryWords: readonly string[] = [],
): Range[] {
  const wanted = new Set(positions);
  const query = queryWords
    .map((word) => fold(word).replace(/[^\p{L}\p{N}$]+/gu, ''))
    .filter(Boolean);
  const ranges: Range[] = [];
  let index = 0;
  for (const match of text.matchAll(/\S+/g)) {
    if (wanted.has(index)) {
      const word = match[0].replace(/[^\p{L}\p{N}$%]+$/u, '').replace(/^[^\p{L}\p{N}$€£]+/u, '');
      const start = match.index + match[0].indexOf(word);
      const parts = [...word.matchAll(/[\p{L}\p{N}$]+/gu)];
      // The whole word when it is a query word (Mig-29); else only its parts that match (the
      // "standfirst" of `onerror=alert("standfirst")`, the 首都 of 首都，也是).
      const whole = query.includes(fold(word).replace(/[^\p{L}\p{N}$]+/gu, ''));
      const matching =
        query.length > 0 && !whole ? parts.filter((part) => matchesAny(part[0], query)) : [];
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

/** Lower case, accents folded, one character for one: offsets stay those of the original. */
function foldInPlace(text: string): string {
  let out = '';
  for (const char of text) {
    const folded = char
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
    out += folded.length === char.length ? folded : char;
  }
  return out;
}

/** Ranges of every occurrence of a phrase, ignoring case, accents and the punctuation between words. */
export function phraseRanges(text: string, phrase: string): Range[] {
  const words = foldInPlace(phrase).match(/[\p{L}\p{N}$%]+/gu);
  if (!words) return [];
  const body = words.map((word) => word.replace(/[$]/g, '\\$&')).join('[^\\p{L}\\p{N}]+');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'gu');
  return [...foldInPlace(text).matchAll(pattern)].map((match): Range => [
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
