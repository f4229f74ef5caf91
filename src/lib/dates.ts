/**
 * Dates as editors write them and as readers see them, in the site's time zone (`site.timeZone`).
 * Nothing here reads the machine's zone: a build under any `TZ` gives the same pages.
 *
 * A date is a `Date`. A day without a time (`2023-04-21`) is stored as that day's UTC midnight
 * and shown as a day; any other instant is a time, shown with its zone's abbreviation or offset.
 * A time that falls exactly on a UTC midnight is stored one millisecond later, so that it is not
 * taken for a whole day (nothing shows milliseconds).
 */
import { site } from '../site';

const DAY_MS = 86_400_000;

function checkedTimeZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new Error(
      `src/site.ts: timeZone "${timeZone}" is not a time zone: use an IANA name such as "Europe/Paris"`,
    );
  }
}

/** The zone every date is read and shown in. */
export const siteTimeZone = checkedTimeZone(site.timeZone);

/** True for a date that names a day, not an instant (see the module comment). */
function isWholeDay(date: Date): boolean {
  return date.getTime() % DAY_MS === 0;
}

const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: siteTimeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** How far the site's clocks are ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of wallClock.formatToParts(instant)) parts[part.type] = Number(part.value);
  const wall = Date.UTC(
    parts['year']!,
    parts['month']! - 1,
    parts['day']!,
    parts['hour']!,
    parts['minute']!,
    parts['second']!,
  );
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

const formatOffset = (offset: number) => {
  const minutes = Math.abs(offset) / 60_000;
  const sign = offset < 0 ? '-' : '+';
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};

/**
 * The instants at which the site's clocks show a wall time (given as if it were UTC): one as a
 * rule, none in the hour the clocks skip, two in the hour they repeat.
 */
function instantsAtWallTime(wall: number): number[] {
  const offsets = new Set([offsetAt(wall - DAY_MS), offsetAt(wall), offsetAt(wall + DAY_MS)]);
  const instants = [...offsets]
    .map((offset) => wall - offset)
    .filter((instant) => offsetAt(instant) === wall - instant);
  return [...new Set(instants)].sort((a, b) => a - b);
}

/** A date as editors write it; groups 1-6 are year, month, day, hour, minute, second. */
export const datePattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Reads a date as written in frontmatter: `2023-04-21`, `2023-04-21T14:30:00+02:00`, or a time
 * without an offset (`2023-04-21 14:30`), which is the site's time. Returns the date, or what is
 * wrong with it in words. The format itself is checked by the schema (`isoDate`).
 */
export function parseWrittenDate(value: string): Date | string {
  const match = datePattern.exec(value);
  if (!match) return `"${value}" is not a date`;
  const [, year, month, day, hour, minute, second = '0', fraction = '', offset] = match;
  if (hour === undefined) return new Date(Date.UTC(+year!, +month! - 1, +day!));
  const wall = Date.UTC(
    +year!,
    +month! - 1,
    +day!,
    +hour,
    +minute!,
    +second,
    Math.floor(Number(fraction || 0) * 1000),
  );
  let instant: number;
  if (offset) {
    instant = offset === 'Z' ? wall : wall - parseOffset(offset);
  } else {
    const instants = instantsAtWallTime(wall);
    if (instants.length === 0) {
      return `"${value}" does not exist in ${siteTimeZone}, the site's time zone (the clocks skip that hour): write the time with its offset, e.g. ${value.replace(' ', 'T')}${formatOffset(offsetAt(wall + DAY_MS))}`;
    }
    if (instants.length > 1) {
      return `"${value}" happens twice in ${siteTimeZone}, the site's time zone (the clocks go back): write the time with its offset, ${instants.map((at) => `${value.replace(' ', 'T')}${formatOffset(wall - at)}`).join(' or ')}`;
    }
    instant = instants[0]!;
  }
  return new Date(instant % DAY_MS === 0 ? instant + 1 : instant);
}

function parseOffset(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [hours, minutes] = offset.slice(1).split(':').map(Number);
  return sign * (hours! * 60 + minutes!) * 60_000;
}

/**
 * The date as machines read it, for `<time datetime>`, JSON-LD, Open Graph and search: `2023-04-21`
 * for a day, the exact instant in UTC to the second otherwise (`2023-05-02T07:15:00Z`).
 */
export function datetimeAttribute(date: Date): string {
  const iso = date.toISOString();
  return isWholeDay(date) ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * "21 April 2023" for a day; "2 May 2023 at 10:15 CEST" for a time, in the site's zone with its
 * abbreviation where the language has one, else its offset ("UTC+2"). In the article's language.
 */
export function formatDate(date: Date, language = 'en-GB'): string {
  const locale = language === 'en' ? 'en-GB' : language;
  const withTime = !isWholeDay(date);
  return dateFormat(locale, withTime ? 'time' : 'day').format(date);
}

/**
 * The format of a day ("3 March 2024"; a day is the day written, whatever the zone) or of an
 * instant in the site's zone, made once: making a DateTimeFormat costs far more than using one,
 * and list pages format thousands.
 */
function dateFormat(locale: string, kind: 'day' | 'time'): Intl.DateTimeFormat {
  const key = `${locale} ${kind}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(kind === 'time'
        ? { hour: '2-digit', minute: '2-digit', timeZone: siteTimeZone, timeZoneName: 'short' }
        : { timeZone: 'UTC' }),
    });
    formats.set(key, format);
  }
  return format;
}

/** The day a date falls on in the site's zone, as that day's UTC midnight. */
function dayOf(date: Date): Date {
  if (isWholeDay(date)) return date;
  const wall = date.getTime() + offsetAt(date.getTime());
  return new Date(wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS));
}

/**
 * The days from `from` to `to` as one phrase, "3 March – 1 April 2024", "3–30 March 2024", or
 * one day when both fall on it, each date taken as its day in the site's zone.
 */
export function formatDayRange(from: Date, to: Date, language = 'en-GB'): string {
  const locale = language === 'en' ? 'en-GB' : language;
  return dateFormat(locale, 'day').formatRange(dayOf(from), dayOf(to));
}
