import type { APIContext, GetStaticPaths } from 'astro';
import { getArticles, type ArticleEntry } from '../../../lib/articles';
import { archivePages, archivePath, feedPath, feedResponse } from '../../../lib/feed';
import { pageKey } from '../../../lib/page-keys';
import { site } from '../../../site';

/** Archive feeds, `/rss/archive/1.xml` the oldest: every article, fifty to a page (RFC 5005). */
export const getStaticPaths = (async () => {
  const pages = archivePages(await getArticles());
  return Promise.all(
    pages.map(async (articles, i) => ({
      params: { page: String(i + 1) },
      props: { articles, page: i + 1, hasNext: i + 1 < pages.length },
      // Full pages never change their articles; the newest full page gains a next-archive link.
      // The key holds what the page shows (that link), not the count of pages: a new archive
      // page must not make every older one again.
      cacheKey: await pageKey(articles, { page: i + 1, hasNext: i + 1 < pages.length }),
    })),
  );
}) satisfies GetStaticPaths;

interface Props {
  articles: ArticleEntry[];
  page: number;
  hasNext: boolean;
}

export async function GET(context: APIContext<Props>): Promise<Response> {
  const { articles, page, hasNext } = context.props;
  return feedResponse(articles, context.site ?? site.url, {
    self: archivePath(page),
    current: feedPath(),
    previousArchive: page > 1 ? archivePath(page - 1) : undefined,
    nextArchive: hasNext ? archivePath(page + 1) : undefined,
    archive: true,
  });
}
