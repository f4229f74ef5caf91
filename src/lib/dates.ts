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

/** "21 April 2023", in the article's language; a time is added when the date has one. */
export function formatDate(date: Date, language = 'en-GB'): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, {
    dateStyle: 'long',
    ...(isWholeDay(date) ? {} : { timeStyle: 'short' }),
    timeZone: 'UTC',
  }).format(date);
}
