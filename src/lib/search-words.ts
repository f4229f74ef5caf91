/**
 * What counts as one word matching another in search, shared by the indexer (which writes the
 * vocabulary of every word indexed), the query and the highlighter. All text is folded first
 * (`fold.ts`). No Node imports: the browser bundles this.
 */
import { fold } from './fold';

/**
 * Words that, outside quotes, neither need to be in a passage nor match by prefix (`of` is not
 * `offensive`). They still count for finding the words as a phrase.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be by for from has have in into is it its of on or than that the this ' +
    'to was were with'
  ).split(' '),
);

/** Punctuation around a word that is not part of it; `$`, `%`, inner hyphens and dots stay. */
const edgePunctuation = /^[^\p{L}\p{N}$€£]+|[^\p{L}\p{N}%]+$/gu;

/** A possessive ending: `Kiev's` (apostrophes are folded to `'`), and the `'` of `allies'`. */
const possessive = /(?<=\p{L})'s$|(?<=\p{L}s)'$/u;

/** A word as written, folded, without the punctuation around it or a possessive ending. */
export function baseForm(word: string): string {
  return fold(word).replace(edgePunctuation, '').replace(possessive, '');
}

/** Letters and digits only: `Mig-29`, `MiG29` and `mig 29` all join to `mig29`. */
export function joinedForm(word: string): string {
  return baseForm(word).replace(/[^\p{L}\p{N}$]+/gu, '');
}

/** The pieces of a compound: `IRIS-T` is `iris` and `t`; `F16` is `f` and `16`. */
export function pieces(word: string): string[] {
  return (
    baseForm(word)
      .replace(/(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/gu, ' ')
      .match(/[\p{L}\p{N}$%]+/gu) ?? []
  );
}

/** Hyphen and apostrophe parts of a word as written: `Euro-Atlantic` is `euro` and `atlantic`. */
function parts(form: string): string[] {
  return form.split(/[-'/.]+/).filter(Boolean);
}

/** Every form under which a word of the text can be found: whole, joined and by its parts. */
export function wordForms(word: string): string[] {
  const base = baseForm(word);
  if (!base) return [];
  const forms = new Set([
    base,
    base.replace(/[^\p{L}\p{N}$%]+/gu, ''),
    // `$150` is also `150`.
    base.replace(/^[$€£]/u, ''),
    ...parts(base),
  ]);
  forms.delete('');
  return [...forms];
}

/** A number, money or a single character: matched whole (`2` is not `29`, `t` is not `tanks`). */
export function matchesWhole(atom: string): boolean {
  return /\p{N}/u.test(atom) || [...atom].length === 1 || STOP_WORDS.has(atom);
}

/** Endings that make another form of the same word (`tanks`, `supplied`, `Kiev's`). */
const inflection = /^(?:s|es|'s|ed|d|ing|ies|ied)$/;

/**
 * Whether a word of the text (one of its `wordForms`) is what a query word (`baseForm`) asks
 * for: the same word or another form of it (`tank` finds `tanks`, `attacked` finds `attacks`),
 * and, when `prefix` (for a query word that is no word of the index, such as `Stolt`), a word
 * it begins (`Stoltenberg`). Never a shorter word that the query begins with: `warlike` is not
 * `war`. Numbers, single characters and stop words match only themselves.
 */
export function formMatches(atom: string, form: string, prefix = true): boolean {
  if (form === atom) return true;
  if (matchesWhole(atom) || !form.startsWith(atom.slice(0, 3))) return false;
  if (form.startsWith(atom) && (prefix || inflection.test(form.slice(atom.length)))) return true;
  // The query's stem, with its ending off: `attacked` finds `attacks`.
  const stem = atom.replace(/(?:'s|ies|ied|es|ed|ing|s|d)$/, '');
  return (
    stem !== atom &&
    stem.length >= 3 &&
    form.startsWith(stem) &&
    (form.length === stem.length || inflection.test(form.slice(stem.length)))
  );
}

/**
 * Whether a word as written in the text is one the query word asks for (see `formMatches`);
 * `forms` may be a cached `wordForms`.
 */
export function wordMatches(
  atom: string,
  textWord: string,
  prefix = true,
  forms: (word: string) => readonly string[] = wordForms,
): boolean {
  return forms(textWord).some((form) => formMatches(atom, form, prefix));
}

/**
 * British and American spellings of a word, the word first: `defence` and `defense`,
 * `programme` and `program`, `armour` and `armor`, `centre` and `center`, `organise` and
 * `organize`. Only spellings the index holds are searched, so a rule that makes a non-word
 * costs nothing.
 */
export function spellingVariants(word: string): string[] {
  const rules: [RegExp, string][] = [
    [/ence(s|d)?$/, 'ense$1'],
    [/ense(s|d)?$/, 'ence$1'],
    [/our(s|ed|ing|ite|ites)?$/, 'or$1'],
    [/(?<=[^aeiou])or(s|ed|ing|ite|ites)?$/, 'our$1'],
    [/(?<=[^aeiou])re(s|d)?$/, 'er$1'],
    [/(?<=[^aeiou])er(s)?$/, 're$1'],
    [/is(e|es|ed|ing|ation|ations)$/, 'iz$1'],
    [/iz(e|es|ed|ing|ation|ations)$/, 'is$1'],
    [/ys(e|es|ed|ing)$/, 'yz$1'],
    [/yz(e|es|ed|ing)$/, 'ys$1'],
    [/ogue(s)?$/, 'og$1'],
    [/og(s)?$/, 'ogue$1'],
    [/mme(s|d)?$/, 'm$1'],
    [/(?<=gra)m(s|ed|ing)?$/, 'mme$1'],
    [/ll(ed|ing|er|ers)$/, 'l$1'],
    [/(?<=[aeiou])l(ed|ing|er|ers)$/, 'll$1'],
  ];
  const variants = new Set([word]);
  if (word.length >= 4 && /^\p{L}+$/u.test(word)) {
    for (const [pattern, replacement] of rules) {
      if (pattern.test(word)) variants.add(word.replace(pattern, replacement));
    }
  }
  return [...variants];
}

/**
 * A spelling's skeleton: what Slavic names keep across transliterations. `w` and `v` are one
 * (Kiew, Kiev), so are `j`, `y` and `i` (Selenskyj, Zelenskyy, Zelenskiy), `ch`, `kh` and `h`
 * (Charkiw, Kharkiv), `z` and `s` (German `S` for `З`), and doubled letters (`-yy`, `-iy`,
 * `-ij`, `-yi` all end in one `i`).
 */
export function transliterationSkeleton(word: string): string {
  return fold(word)
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .replace(/tsch|tch/g, 'ch')
    .replace(/sch|sh/g, 'S')
    .replace(/[kc]h/g, 'h')
    .replace(/w/g, 'v')
    .replace(/[jy]/g, 'i')
    .replace(/z/g, 's')
    .replace(/(.)\1+/gu, '$1');
}

/** Letters a skeleton's letter may have been written with, to find which spellings to look at. */
const skeletonSpellings: Record<string, string[]> = {
  h: ['h', 'ch', 'kh'],
  i: ['i', 'j', 'y'],
  v: ['v', 'w'],
  s: ['s', 'z'],
  S: ['sh', 'sch'],
};

/** The two-letter beginnings a word with this skeleton may be written with. */
export function skeletonBeginnings(word: string): string[] {
  let starts = [''];
  for (const letter of transliterationSkeleton(word)) {
    if (starts.every((start) => [...start].length >= 2)) break;
    const spellings = skeletonSpellings[letter] ?? [letter];
    starts = starts.flatMap((start) =>
      [...start].length >= 2 ? [start] : spellings.map((spelling) => start + spelling),
    );
  }
  return [...new Set(starts.map((start) => [...start].slice(0, 2).join('')))];
}

/**
 * The optimal string alignment distance (Levenshtein with swaps of two neighbours), or
 * `limit + 1` as soon as it is known to exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[y.length]!, limit + 1);
}

/** How far a typed word may be from a spelling to be read as it: none under 4 letters. */
export function typoAllowance(word: string): number {
  const length = [...word].length;
  return length < 4 || /\p{N}/u.test(word) ? 0 : length < 7 ? 1 : 2;
}

/**
 * The vocabulary: every form of every indexed word, in files by their first two letters, so a
 * query loads only the files of the words it has. `search/words/<key>.txt`, one word a line,
 * with what the word directory (`search-directory.ts`) says of it.
 */
export const VOCABULARY_DIR = 'search/words';

/**
 * The file a word is listed in: by its first `letters` letters, written as base-36 code points,
 * so that file names stay ASCII.
 */
export function vocabularyFile(word: string, letters = 2): string {
  return [...word]
    .slice(0, letters)
    .map((char) => char.codePointAt(0)!.toString(36))
    .join('-');
}
