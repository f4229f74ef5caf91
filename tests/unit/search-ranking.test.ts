import { describe, expect, it } from 'vitest';
import {
  FRESHNESS_FLOOR,
  FRESHNESS_HALF_LIFE_DAYS,
  freshness,
  inverseFrequency,
  termBound,
  termWeight,
} from '../../src/lib/search-ranking';

describe('ranking by relevance', () => {
  it('weighs the newest articles most, halving towards the floor, never under it', () => {
    expect(freshness(100, 100)).toBe(1);
    expect(freshness(100 - FRESHNESS_HALF_LIFE_DAYS, 100)).toBeCloseTo(
      FRESHNESS_FLOOR + (1 - FRESHNESS_FLOOR) / 2,
    );
    expect(freshness(-100_000, 100)).toBeGreaterThanOrEqual(FRESHNESS_FLOOR);
    for (let age = 0; age < 5000; age += 97)
      expect(freshness(100 - age, 100)).toBeGreaterThanOrEqual(freshness(99 - age, 100));
  });

  it('weighs a rare term more than a common one', () => {
    expect(inverseFrequency(1000, 3)).toBeGreaterThan(inverseFrequency(1000, 900));
  });

  it('saturates with occurrences, favours short articles, and never reaches its bound', () => {
    const idf = inverseFrequency(1000, 10);
    const weight = (occurrences: number, words: number) => termWeight(idf, occurrences, words, 500);
    expect(weight(2, 500)).toBeGreaterThan(weight(1, 500));
    expect(weight(2, 500) - weight(1, 500)).toBeGreaterThan(weight(20, 500) - weight(19, 500));
    expect(weight(3, 200)).toBeGreaterThan(weight(3, 2000));
    for (const occurrences of [1, 5, 50, 5000])
      for (const words of [1, 100, 500, 100_000])
        expect(weight(occurrences, words)).toBeLessThan(termBound(idf));
  });
});
