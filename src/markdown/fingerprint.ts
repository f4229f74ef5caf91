/**
 * Content fingerprints for paragraph ids: a 128-bit SimHash of a block's words.
 *
 * SimHash maps similar texts to nearby bit strings: a typo fixed, a number changed or a clause
 * added moves a paragraph's fingerprint by a few bits, while two different paragraphs differ in
 * about half of them. So an id made from the fingerprint needs no position number, is the same
 * on every build of the same text, and an old link can still find its paragraph after a
 * correction: the reader's browser picks the paragraph whose fingerprint is nearest (see
 * `src/scripts/paragraph-anchors.ts`). Measured on the seed article: edits moved a paragraph by at
 * most 25 bits; the closest two distinct paragraphs were 46 bits apart; 64 bits overlapped.
 */

import { foldCase } from '../lib/fold';

export const FINGERPRINT_BITS = 128;
/** Crockford's base32, lower case: no i, l, o or u to misread. 128 bits = 26 characters. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Frequent English words, which every paragraph shares and which would pull fingerprints together. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by for from had has have he her his if in into is it its ' +
    'not of on or she so than that the their them they this to was were which who will with would'
  ).split(' '),
);

/**
 * Lower-cased words with accents folded, so `Kÿiv` and `Kyiv` weigh the same. Only case and
 * accents (`foldCase`): quotes and dashes are not words here, and folding modifier-letter
 * apostrophes (`ʼ`, a letter to Unicode) would split words and move existing paragraph ids.
 */
export function fingerprintWords(text: string): string[] {
  const words = foldCase(text).match(/[\p{L}\p{N}]+/gu);
  return (words ?? []).filter((word) => !STOP_WORDS.has(word));
}

/** FNV-1a with a final avalanche; `seed` gives the four independent 32-bit lanes. */
function hash32(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d) >>> 0;
  hash ^= hash >>> 12;
  return hash >>> 0;
}

const LANE_SEEDS = [0, 0x9e3779b9, 0x3c6ef372, 0xdaa66d2b];

/** The fingerprint as four 32-bit words. */
export function fingerprint(text: string): Uint32Array {
  const votes = new Int32Array(FINGERPRINT_BITS);
  for (const word of fingerprintWords(text)) {
    for (let lane = 0; lane < 4; lane++) {
      const hash = hash32(word, LANE_SEEDS[lane]!);
      for (let bit = 0; bit < 32; bit++) votes[lane * 32 + bit]! += ((hash >>> bit) & 1) * 2 - 1;
    }
  }
  const lanes = new Uint32Array(4);
  for (let index = 0; index < FINGERPRINT_BITS; index++) {
    if (votes[index]! > 0) lanes[index >>> 5]! |= 1 << (index & 31);
  }
  return lanes;
}

/** 26 base32 characters, most significant bit first. */
export function encodeFingerprint(lanes: Uint32Array): string {
  let out = '';
  for (let start = 0; start < FINGERPRINT_BITS; start += 5) {
    let value = 0;
    for (let bit = start; bit < start + 5; bit++) {
      const set = bit < FINGERPRINT_BITS && (lanes[bit >>> 5]! >>> (bit & 31)) & 1;
      value = (value << 1) | (set ? 1 : 0);
    }
    out += ALPHABET[value];
  }
  return out;
}

/** The inverse of `encodeFingerprint`, or undefined when the text is not a fingerprint. */
export function decodeFingerprint(code: string): Uint32Array | undefined {
  if (code.length !== Math.ceil(FINGERPRINT_BITS / 5)) return undefined;
  const lanes = new Uint32Array(4);
  for (let index = 0; index < code.length; index++) {
    const value = ALPHABET.indexOf(code[index]!);
    if (value < 0) return undefined;
    for (let offset = 0; offset < 5; offset++) {
      const bit = index * 5 + offset;
      if (bit < FINGERPRINT_BITS && (value >>> (4 - offset)) & 1)
        lanes[bit >>> 5]! |= 1 << (bit & 31);
    }
  }
  return lanes;
}

/** How many of the 128 bits differ. */
export function fingerprintDistance(a: Uint32Array, b: Uint32Array): number {
  let distance = 0;
  for (let lane = 0; lane < 4; lane++) {
    let x = (a[lane]! ^ b[lane]!) >>> 0;
    while (x) {
      x &= x - 1;
      distance++;
    }
  }
  return distance;
}

/**
 * The largest distance at which an old link still counts as the same paragraph. Edits measured
 * at most 25; unrelated paragraphs at least 46.
 */
export const SAME_PARAGRAPH_MAX_DISTANCE = 36;

/** Bits of the allowance per word, for paragraphs of very few words. */
const BITS_PER_WORD = 6;

/**
 * The largest distance at which an old link still counts as `candidate`, a paragraph of the
 * page with `words` fingerprinted words. A paragraph of a few words has a fingerprint made of
 * few votes: "Russia denied it." and "Ukraine denied it." are 29 bits apart, one word in two
 * changed, which is no longer a small correction. So the allowance shrinks with the words, and
 * a link to such a paragraph that changed shows the notice rather than landing on another.
 */
export function sameParagraphMaxDistance(words: number): number {
  return Math.min(SAME_PARAGRAPH_MAX_DISTANCE, BITS_PER_WORD * words);
}

export const PARAGRAPH_ID_PREFIX = 'p-';
