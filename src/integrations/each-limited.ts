/**
 * Runs `task` on every item with at most `limit` running at once, in order of start. Reading
 * every page of the build at once opened 20,000 files together and failed with EMFILE.
 */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
