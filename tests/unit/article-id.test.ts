import { describe, expect, it } from 'vitest';
import { articleId } from '../../src/content/loader';

describe('articleId', () => {
  const base = '/site/content/articles/';
  it('slugs each segment of the path without .md, as Astro’s glob loader does', () => {
    expect(articleId(base, `${base}Kyiv-Talks.md`)).toBe('kyiv-talks');
    expect(articleId(base, `${base}kyiv-talks.md`)).toBe('kyiv-talks');
    expect(articleId(base, `${base}World/Europe Now.md`)).toBe('world/europe-now');
    expect(articleId(base, `${base}Kÿiv.md`)).toBe('kÿiv');
  });

  it('gives a folder’s index.md the folder’s address', () => {
    expect(articleId(base, `${base}elections/index.md`)).toBe('elections');
  });
});
