import { describe, expect, it } from 'vitest';
import {
  SAME_PARAGRAPH_MAX_DISTANCE,
  decodeFingerprint,
  encodeFingerprint,
  fingerprint,
  fingerprintDistance,
  fingerprintWords,
  sameParagraphMaxDistance,
} from '../../src/markdown/fingerprint';
import { seedArticle } from '../support/seed';

const paragraphs = seedArticle().paragraphs;
const distance = (a: string, b: string) => fingerprintDistance(fingerprint(a), fingerprint(b));

describe('fingerprint', () => {
  it('is the same for the same text, every time', () => {
    expect(encodeFingerprint(fingerprint(paragraphs[0]!))).toBe(
      encodeFingerprint(fingerprint(paragraphs[0]!)),
    );
  });

  it('encodes to 26 characters of lower-case base32 and decodes back', () => {
    for (const paragraph of paragraphs) {
      const lanes = fingerprint(paragraph);
      const code = encodeFingerprint(lanes);
      expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
      expect([...decodeFingerprint(code)!]).toEqual([...lanes]);
    }
    expect(decodeFingerprint('not-a-fingerprint')).toBeUndefined();
    expect(decodeFingerprint('i'.repeat(26))).toBeUndefined();
  });

  it('folds case and accents and ignores punctuation', () => {
    expect(fingerprintWords('Kÿiv, KIEV; “Oleksiï”')).toEqual(['kyiv', 'kiev', 'oleksii']);
  });

  it('keeps small corrections within the same-paragraph distance', () => {
    const corrections: [string, (text: string) => string][] = [
      ['a typo fixed', (text) => text.replace('Stoltenberg', 'Stoltenbreg')],
      ['a number changed', (text) => text.replace('$150 billion', '$160 billion')],
      [
        'a clause added',
        (text) => text.replace(', including', ', according to the Pentagon, including'),
      ],
      ['a sentence added', (text) => `${text} He gave no further details.`],
    ];
    const paragraph = paragraphs.find((text) => text.includes('$150 billion'))!;
    for (const [what, edit] of corrections) {
      expect(distance(paragraph, edit(paragraph)), what).toBeLessThanOrEqual(
        SAME_PARAGRAPH_MAX_DISTANCE,
      );
    }
  });

  it('does not take one short paragraph for another', () => {
    const pairs = [
      ['Russia denied it.', 'Ukraine denied it.'],
      ['“No,” he said.', '“Yes,” he said.'],
    ];
    for (const [a, b] of pairs) {
      const words = fingerprintWords(b!).length;
      expect(distance(a!, b!), `${a} / ${b}`).toBeGreaterThan(sameParagraphMaxDistance(words));
    }
    // Long paragraphs keep the whole allowance.
    for (const paragraph of paragraphs.filter((text) => fingerprintWords(text).length >= 6)) {
      expect(sameParagraphMaxDistance(fingerprintWords(paragraph).length)).toBe(
        SAME_PARAGRAPH_MAX_DISTANCE,
      );
    }
  });

  it('keeps every two different paragraphs of the seed article well apart', () => {
    for (let i = 0; i < paragraphs.length; i++) {
      for (let j = i + 1; j < paragraphs.length; j++) {
        expect(distance(paragraphs[i]!, paragraphs[j]!)).toBeGreaterThan(
          SAME_PARAGRAPH_MAX_DISTANCE + 5,
        );
      }
    }
  });
});
