/** A value as an editor would recognise it in their file, shortened. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text =
    typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A Zod error function: what was expected, and the value that was there instead. */
export function expected(what: string) {
  return (issue: { input?: unknown }) => `expected ${what}, got ${describeValue(issue.input)}`;
}
