import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrontmatterAsWritten } from '../../src/content/frontmatter';
import { localTimestamp, newArticle } from '../../src/content/new-article';
import { articleSchema } from '../../src/content/schema';
import { STILL_TO_WRITE } from '../../src/content/still-to-write';

const folder = () => mkdtempSync(join(tmpdir(), 'new-article-'));

describe('npm run new', () => {
  it('writes the time in the site’s zone, with its offset, summer and winter', () => {
    expect(localTimestamp(new Date('2026-12-01T09:05:07Z'), 'Europe/Paris')).toBe(
      '2026-12-01T10:05:07+01:00',
    );
    expect(localTimestamp(new Date('2026-07-01T23:30:00Z'), 'Europe/Paris')).toBe(
      '2026-07-02T01:30:00+02:00',
    );
    expect(localTimestamp(new Date('2026-07-01T23:30:00Z'), 'UTC')).toBe(
      '2026-07-01T23:30:00+00:00',
    );
  });

  it('creates <slug>.md with the headline, published now, and valid frontmatter', () => {
    const dir = folder();
    const now = new Date('2026-12-01T09:05:07Z');
    const { file, slug } = newArticle('Kyiv talks: what’s next for NATO?', dir, now);
    expect(slug).toBe('kyiv-talks-whats-next-for-nato');
    expect(file).toBe(join(dir, 'kyiv-talks-whats-next-for-nato.md'));
    const text = readFileSync(file, 'utf8');
    const article = articleSchema.parse(parseFrontmatterAsWritten(text, file));
    expect(article.title).toBe('Kyiv talks: what’s next for NATO?');
    expect(article.published.toISOString()).toBe(now.toISOString());
    expect(text).toContain('published: 2026-12-01T10:05:07+01:00');
    expect(article.description).toContain(STILL_TO_WRITE);
    expect(text.slice(text.lastIndexOf('---'))).toContain(STILL_TO_WRITE);
  });

  it('explains every other field of the schema in a comment', () => {
    const { file } = newArticle('A story', folder());
    const text = readFileSync(file, 'utf8');
    for (const field of Object.keys(articleSchema.shape)) {
      expect(text, field).toMatch(new RegExp(`^#? ?${field}:`, 'm'));
    }
  });

  it('refuses to overwrite a file, or to take the address of another', () => {
    const dir = folder();
    const { file } = newArticle('Kyiv talks', dir);
    writeFileSync(file, 'written by hand');
    expect(() => newArticle('Kyiv Talks!', dir)).toThrow(/kyiv-talks\.md already exists/);
    expect(readFileSync(file, 'utf8')).toBe('written by hand');
    const other = folder();
    writeFileSync(join(other, 'Grain-Deal.md'), 'x');
    expect(() => newArticle('Grain deal', other)).toThrow(
      /Grain-Deal\.md already has the address articles\/grain-deal\//,
    );
    expect(() => newArticle('?!', other)).toThrow(/gives no address/);
  });
});
