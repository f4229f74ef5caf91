import { describe, expect, it } from 'vitest';
import { articleSchema } from '../../src/content/schema';
import { datetimeAttribute, formatDate, parseWrittenDate, siteTimeZone } from '../../src/lib/dates';
import { site } from '../../src/site';

const article = (published: string) => ({
  title: 'A story',
  description: 'One sentence.',
  published,
});

function issues(data: unknown): string[] {
  const result = articleSchema.safeParse(data);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('dates in the site’s time zone', () => {
  it('takes its zone from src/site.ts', () => {
    expect(site.timeZone).toBe('Europe/Paris');
    expect(siteTimeZone).toBe('Europe/Paris');
  });

  it('reads a time without an offset as the site’s time, in summer and in winter', () => {
    expect(datetimeAttribute(parseWrittenDate('2023-05-02T10:15') as Date)).toBe(
      '2023-05-02T08:15:00Z',
    );
    expect(datetimeAttribute(parseWrittenDate('2023-01-02 10:15:30') as Date)).toBe(
      '2023-01-02T09:15:30Z',
    );
  });

  it('keeps the exact instant of a time with an offset', () => {
    expect(datetimeAttribute(parseWrittenDate('2023-05-02T10:15:00+03:00') as Date)).toBe(
      '2023-05-02T07:15:00Z',
    );
    expect(datetimeAttribute(parseWrittenDate('2023-05-02T07:15Z') as Date)).toBe(
      '2023-05-02T07:15:00Z',
    );
  });

  it('keeps a day a day', () => {
    const day = parseWrittenDate('2023-04-21') as Date;
    expect(datetimeAttribute(day)).toBe('2023-04-21');
    expect(formatDate(day)).toBe('21 April 2023');
  });

  it('does not take a time at UTC midnight for a whole day', () => {
    const midnight = parseWrittenDate('2023-05-02T02:00+02:00') as Date;
    expect(datetimeAttribute(midnight)).toBe('2023-05-02T00:00:00Z');
    expect(formatDate(midnight)).toBe('2 May 2023 at 02:00 CEST');
  });

  it('shows times in the site’s zone with its abbreviation, or its offset', () => {
    const instant = parseWrittenDate('2023-05-02T10:15:00+03:00') as Date;
    expect(formatDate(instant)).toBe('2 May 2023 at 09:15 CEST');
    expect(formatDate(parseWrittenDate('2023-01-02T10:15:00Z') as Date)).toBe(
      '2 January 2023 at 11:15 CET',
    );
    // Where the language has no abbreviation for the zone, Intl gives the offset.
    expect(formatDate(instant, 'fr')).toBe('2 mai 2023 à 09:15 UTC+2');
  });

  it('refuses a time the site’s clocks skip, and one they show twice, naming the field', () => {
    expect(issues(article('2023-03-26T02:30'))).toEqual([
      'published: "2023-03-26T02:30" does not exist in Europe/Paris, the site\'s time zone (the clocks skip that hour): write the time with its offset, e.g. 2023-03-26T02:30+02:00',
    ]);
    expect(issues(article('2023-10-29 02:30'))).toEqual([
      'published: "2023-10-29 02:30" happens twice in Europe/Paris, the site\'s time zone (the clocks go back): write the time with its offset, 2023-10-29T02:30+02:00 or 2023-10-29T02:30+01:00',
    ]);
    // With an offset, the same wall times are exact instants.
    expect(issues(article('2023-10-29T02:30+01:00'))).toEqual([]);
  });

  it('gives one error for a malformed date, not two', () => {
    expect(issues(article('21/04/2023'))).toHaveLength(1);
  });
});
