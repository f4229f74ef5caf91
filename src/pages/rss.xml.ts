import type { APIContext } from 'astro';
import { getArticles } from '../lib/articles';
import { archiveCount, archivePath, feedPath, feedResponse, FEED_ITEMS } from '../lib/feed';
import { site } from '../site';

/** The subscription feed: the newest articles, linked from every page (see `src/lib/feed.ts`). */
export async function GET(context: APIContext): Promise<Response> {
  const articles = await getArticles();
  const archives = archiveCount(articles.length);
  return feedResponse(articles.slice(0, FEED_ITEMS), context.site ?? site.url, {
    self: feedPath(),
    previousArchive: archives > 0 ? archivePath(archives) : undefined,
  });
}
