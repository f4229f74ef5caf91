import { describe, expect, it } from 'vitest';
import { mostUsedTags } from '../../src/lib/most-used-tags';

const article = (date: string, ...tags: string[]) => ({ published: new Date(date), tags });
const names = (tags: { name: string }[]) => tags.map(({ name }) => name);
const key = (tag: string) => tag.toLowerCase();

describe('mostUsedTags', () => {
  const archive = [
    article('2024-03-01', 'Ukraine', 'NATO'),
    article('2024-05-01', 'Ukraine', 'Aid'),
    article('2025-01-10', 'NATO', 'Aid'),
    article('2025-06-01', 'Ukraine'),
    // The newest year, not counted.
    article('2026-01-05', 'Sanctions'),
  ];

  it('ranks by articles, ties by name, and counts spellings of one tag as one', () => {
    expect(mostUsedTags(archive, 3, key)).toEqual([
      { name: 'Ukraine', articles: 3 },
      { name: 'Aid', articles: 2 },
      { name: 'NATO', articles: 2 },
    ]);
    expect(names(mostUsedTags([...archive, article('2025-07-01', 'nato')], 2, key))).toEqual([
      'NATO',
      'Ukraine',
    ]);
  });

  it('is not moved by new articles in the newest year, which would change every page', () => {
    const before = [...archive, article('2026-01-06', 'Aid')];
    // Counted over every article, NATO would pass Ukraine and Aid here.
    const after = [...before, article('2026-02-01', 'NATO'), article('2026-02-02', 'NATO')];
    expect(mostUsedTags(after, 2, key)).toEqual(mostUsedTags(before, 2, key));
    expect(names(mostUsedTags(after, 2, key))).toEqual(['Ukraine', 'Aid']);
  });

  it('counts every article while the archive spans a single year', () => {
    const oneYear = [article('2026-01-01', 'Aid'), article('2026-02-01', 'Aid', 'NATO')];
    expect(mostUsedTags(oneYear, 6, key)).toEqual([
      { name: 'Aid', articles: 2 },
      { name: 'NATO', articles: 1 },
    ]);
    expect(mostUsedTags([], 6, key)).toEqual([]);
  });
});
