/**
 * Word breaks for scripts written without spaces (Chinese, Japanese, Thai, ...), for the search
 * index. Pagefind splits words on white space, so `北京是中国的首都` would be one word and a search
 * for `首都` would find nothing. `Intl.Segmenter` (ICU's dictionary word breaking, the same in
 * Node and in browsers) finds the words; a hair space (U+200A) is put between them, which
 * Pagefind treats as white space and the results page takes out again before showing the text.
 */
export const WORD_BREAK = '\u200A';

/** A letter of a script written without spaces between words. */
export const unspaced =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

let segmenter: Intl.Segmenter | undefined;

export function segmentWords(text: string): string {
  if (!unspaced.test(text)) return text;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  let out = '';
  let previous: Intl.SegmentData | undefined;
  for (const current of segmenter.segment(text)) {
    const between = previous?.isWordLike && current.isWordLike;
    if (between && (unspaced.test(previous!.segment.at(-1)!) || unspaced.test(current.segment[0]!)))
      out += WORD_BREAK;
    out += current.segment;
    previous = current;
  }
  return out;
}

/** A break put in by `segmentWords`: Pagefind gives it back as a plain space. */
const insertedBreak = new RegExp(
  `(?<=${unspaced.source})[ ${WORD_BREAK}](?=${unspaced.source})`,
  'gu',
);

/**
 * Takes the word breaks out again, moving character ranges to match. Pagefind returns white space
 * as plain spaces, so a space between two letters of an unspaced script is taken as a break:
 * Chinese, Japanese and Thai put no spaces there themselves.
 */
export function withoutWordBreaks(
  text: string,
  ranges: [number, number][],
): { text: string; ranges: [number, number][] } {
  const breaks = new Set([...text.matchAll(insertedBreak)].map((match) => match.index));
  if (breaks.size === 0) return { text, ranges };
  const shift: number[] = [];
  let removed = 0;
  let out = '';
  for (let i = 0; i <= text.length; i++) {
    shift.push(removed);
    if (breaks.has(i)) removed++;
    else if (i < text.length) out += text[i];
  }
  return {
    text: out,
    ranges: ranges.map(([start, end]) => [start - shift[start]!, end - shift[end]!]),
  };
}
