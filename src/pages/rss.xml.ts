import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { articlePath, getArticles } from '../lib/articles';
import { site } from '../site';

/**
 * The newest articles, linked from every page's head and footer. Feed readers poll a feed
 * again and again: an archive of 20,000 articles in it would be 8 MB each time.
 */
export const FEED_ITEMS = 50;

export async function GET(context: APIContext): Promise<Response> {
  const articles = (await getArticles()).slice(0, FEED_ITEMS);
  return rss({
    title: site.name,
    description: site.tagline,
    site: context.site ?? site.url,
    trailingSlash: true,
    items: articles.map((article) => ({
      title: article.data.title,
      description: article.data.description,
      pubDate: article.data.published,
      link: articlePath(article),
      categories: article.data.tags,
      ...(article.data.byline.length > 0
        ? { author: article.data.byline.map((a) => a.name).join(', ') }
        : {}),
    })),
    customData: `<language>${site.language}</language>`,
  });
}
