/**
 * The tags an archive uses most, most articles first (ties by name); tags with the same `keyOf`
 * (the site's slug of a tag) are one, named as first met.
 *
 * They are counted over the articles published before the year of the newest one (over all of
 * them while the archive spans a single year). Counted over every article, one new story could
 * swap two tags that were level; the masthead shows the sections on every page, so that would
 * change every page of the archive (src/lib/page-keys.ts). Counted this way, a publish leaves
 * them alone: they move at most when a new year's first article appears, or when an older
 * article's tags change.
 */
export function mostUsedTags(
  articles: readonly { published: Date; tags: readonly string[] }[],
  shown: number,
  keyOf: (tag: string) => string,
): { name: string; articles: number }[] {
  // A loop, not `Math.max(...)`: an archive can hold more articles than a call takes arguments.
  let newestYear = -Infinity;
  for (const { published } of articles)
    newestYear = Math.max(newestYear, published.getUTCFullYear());
  const settled = articles.filter(({ published }) => published.getUTCFullYear() < newestYear);
  const byTag = new Map<string, { name: string; articles: number }>();
  for (const article of settled.length > 0 ? settled : articles) {
    for (const name of article.tags) {
      const key = keyOf(name);
      const tag = byTag.get(key) ?? { name, articles: 0 };
      tag.articles++;
      byTag.set(key, tag);
    }
  }
  return [...byTag.values()]
    .sort((a, b) => b.articles - a.articles || a.name.localeCompare(b.name, 'en'))
    .slice(0, shown);
}
