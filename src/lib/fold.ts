/**
 * How text is folded before two spellings are compared: the one rule shared by the search index
 * (its vocabulary), the query, the glossary's name matcher, the highlighter and the paragraph
 * fingerprint. No Node imports: the browser bundles this.
 *
 * - Case and accents: compatibility decomposition (NFKD), combining marks dropped, lower case:
 *   `Kÿiv`, `KYÏV` and `kyiv` are one word, and so are `ﬁ` and `fi`.
 * - Quotes: every apostrophe and single quote is `'` (`Kiev’s` is `Kiev's`), every double quote `"`.
 * - Dashes: every hyphen, dash and minus sign is `-` (`IRIS‑T`, `F–16`).
 */

const apostrophes = /[‘’‚‛′ʹʻʼʽˈ`´＇]/g;
const doubleQuotes = /[“”„‟″«»＂]/g;
const dashes = /[‐‑‒–—―−﹘﹣－]/g;
const marks = /\p{M}+/gu;

/** Apostrophes and double quotes as `'` and `"`, dashes as `-`: one character for one. */
export function foldPunctuation(text: string): string {
  return text.replace(apostrophes, "'").replace(doubleQuotes, '"').replace(dashes, '-');
}

/** Case and accents folded (see above); ASCII text only changes case. */
export function foldCase(text: string): string {
  // Decomposing and dropping marks changes nothing in ASCII text, the usual case.
  const decomposed = /[^\x00-\x7f]/.test(text) ? text.normalize('NFKD').replace(marks, '') : text;
  return decomposed.toLowerCase();
}

/** Everything folded: case, accents, quotes and dashes. */
export function fold(text: string): string {
  return foldPunctuation(foldCase(text));
}

const foldedChars = new Map<string, string>();

/**
 * `fold`, character by character, so that every position in the result is the same position in
 * the text (a character whose folded form has another length is kept as it is). ASCII letters
 * only change case; other characters are folded once each and remembered.
 */
export function foldKeepingPositions(text: string): string {
  return text.replace(/[A-Z]+|[^\x00-\x7f]/gu, (chars) => {
    if (chars.charCodeAt(0) < 0x80) return chars.toLowerCase();
    let folded = foldedChars.get(chars);
    if (folded === undefined) {
      folded = fold(chars);
      if (folded.length !== chars.length) folded = chars;
      foldedChars.set(chars, folded);
    }
    return folded;
  });
}
