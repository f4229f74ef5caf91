/**
 * The mark `npm run new` puts on what is still to be written (the standfirst, the body), and
 * the check by which the build warns about an article that still has it.
 */
export const STILL_TO_WRITE = '[TO WRITE]';

/** What of an article is still marked to be written, as the editor would name it. */
export function stillToWrite(data: { description?: unknown }, body: string): string[] {
  const parts: string[] = [];
  if (typeof data.description === 'string' && data.description.includes(STILL_TO_WRITE)) {
    parts.push('the standfirst (description)');
  }
  if (body.includes(STILL_TO_WRITE)) parts.push('the body');
  return parts;
}
