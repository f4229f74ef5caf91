/** Frontmatter dates without a time are stored as UTC midnight; they name a day, not an instant. */
function isWholeDay(date: Date): boolean {
  return (
    date.getUTCHours() === 0 &&
    date.getUTCMinutes() === 0 &&
    date.getUTCSeconds() === 0 &&
    date.getUTCMilliseconds() === 0
  );
}

/** The value for `<time datetime>`: `2023-04-21` for a day, a full ISO instant otherwise. */
export function datetimeAttribute(date: Date): string {
  const iso = date.toISOString();
  return isWholeDay(date) ? iso.slice(0, 10) : iso;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** "21 April 2023", in the article's language; a time is added when the date has one. */
export function formatDate(date: Date, language = 'en-GB'): string {
  const locale = language === 'en' ? 'en-GB' : language;
  const withTime = !isWholeDay(date);
  // Making a DateTimeFormat costs far more than using one, and list pages format thousands.
  const key = `${locale} ${withTime}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      ...(withTime ? { timeStyle: 'short' } : {}),
      timeZone: 'UTC',
    });
    formats.set(key, format);
  }
  return format.format(date);
}
