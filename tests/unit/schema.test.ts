import { describe, expect, it } from 'vitest';
import { articleSchema } from '../../src/content/schema';

const valid = {
  title: 'Kiev allies are coordinating their aid',
  description: 'One sentence that says what the story is.',
  published: '2023-04-21',
  dateline: 'Ramstein, Germany',
  language: 'en',
  tags: ['Ukraine', 'NATO'],
  related: [{ title: 'Seoul says military aid to Ukraine ‘will depend on Russia’' }],
};

function issues(data: unknown): string[] {
  const result = articleSchema.safeParse(data);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('article schema', () => {
  it('accepts a complete article and turns dates into Dates', () => {
    const article = articleSchema.parse(valid);
    expect(article.published.toISOString()).toBe('2023-04-21T00:00:00.000Z');
    expect(article.byline).toEqual([]);
    expect(article.corrections).toEqual([]);
  });

  it('fills defaults for optional lists and the language', () => {
    const { tags: _tags, related: _related, language: _language, ...minimal } = valid;
    const article = articleSchema.parse(minimal);
    expect(article).toMatchObject({ tags: [], related: [], language: 'en' });
  });

  it('keeps a time when the date has one', () => {
    const article = articleSchema.parse({ ...valid, published: '2023-04-21T14:30:00+02:00' });
    expect(article.published.toISOString()).toBe('2023-04-21T12:30:00.000Z');
  });

  it('refuses a field it does not know, so a typo cannot pass silently', () => {
    expect(issues({ ...valid, publshed: '2023-04-21' })).toEqual([
      expect.stringMatching(/publshed/),
    ]);
  });

  it.each([
    ['2023-02-30', /not a day of the calendar/],
    ['2023-13-01', /not a day of the calendar/],
    ['21/04/2023', /not a date/],
    ['2023-04-21T25:00:00Z', /impossible time/],
  ])('refuses the date %s', (published, message) => {
    expect(issues({ ...valid, published })).toEqual([expect.stringMatching(message)]);
  });

  it('refuses a missing or empty title', () => {
    const { title: _title, ...untitled } = valid;
    expect(issues(untitled)).toEqual([expect.stringMatching(/^title: /)]);
    expect(issues({ ...valid, title: '   ' })).toEqual(['title: must not be empty']);
  });

  it('refuses a tag that is not a string, and repeated tags', () => {
    expect(issues({ ...valid, tags: ['Ukraine', 42] })).toEqual([
      expect.stringMatching(/^tags\.1: /),
    ]);
    expect(issues({ ...valid, tags: ['NATO', 'nato'] })).toEqual(['tags: tags must not repeat']);
  });

  it('refuses an update dated before publication', () => {
    expect(issues({ ...valid, updated: '2023-04-20' })).toEqual([
      'updated: updated must not be earlier than published',
    ]);
  });

  it('reports an impossible date once, without also calling the other date earlier', () => {
    expect(issues({ ...valid, published: '2023-02-30', updated: '2023-03-05' })).toEqual([
      'published: "2023-02-30" is not a day of the calendar',
    ]);
    expect(issues({ ...valid, updated: '2023-04-31' })).toEqual([
      'updated: "2023-04-31" is not a day of the calendar',
    ]);
    expect(issues({ ...valid, published: '2023-04-21T25:00:00Z', updated: '2023-04-01' })).toEqual([
      'published: "2023-04-21T25:00:00Z" has an impossible time of day',
    ]);
  });

  it('refuses a related link with a relative or script URL', () => {
    for (const url of ['/story', 'javascript:alert(1)']) {
      expect(issues({ ...valid, related: [{ title: 'x', url }] })).not.toEqual([]);
    }
  });

  it('reads a byline as a name, a name with an address, or a list of them', () => {
    expect(articleSchema.parse({ ...valid, byline: 'Jane Doe' }).byline).toEqual([
      { name: 'Jane Doe' },
    ]);
    expect(
      articleSchema.parse({
        ...valid,
        byline: [{ name: 'Jane Doe', url: 'https://example.org/jd' }, 'John Roe'],
      }).byline,
    ).toEqual([{ name: 'Jane Doe', url: 'https://example.org/jd' }, { name: 'John Roe' }]);
    expect(issues({ ...valid, byline: [] })).not.toEqual([]);
    expect(issues({ ...valid, byline: { name: 'X', url: 'javascript:alert(1)' } })).not.toEqual([]);
  });

  it('reads dated corrections and refuses an undated one', () => {
    const article = articleSchema.parse({
      ...valid,
      corrections: [{ date: '2023-04-22', text: 'Fixed a name.' }],
    });
    expect(article.corrections[0]?.date.toISOString()).toBe('2023-04-22T00:00:00.000Z');
    expect(issues({ ...valid, corrections: [{ text: 'Fixed a name.' }] })).toEqual([
      expect.stringMatching(/^corrections\.0\.date: /),
    ]);
  });
});
