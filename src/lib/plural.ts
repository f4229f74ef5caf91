/** "1 mention", "3 mentions": a count with its noun. Pure, so the browser's scripts use it too. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
