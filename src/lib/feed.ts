/**
 * The RSS feeds: a subscription feed of the newest articles, and archive feeds that hold every
 * article, as RFC 5005 (Feed Paging and Archiving) lays out. Feed readers poll the subscription
 * feed again and again, so it stays small (an archive of 20,000 articles in it would be 8 MB
 * each time); a reader that wants the whole archive follows its `prev-archive` link back, page by
 * page. Archive pages are filled oldest first, so a full page never changes once written.
 */
import rss from '@astrojs/rss';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { renderArticleBody } from '../content/article-body';
import { articlePath, withBase, type ArticleEntry } from './articles';
import { feedHtml, leadFigureHtml } from './feed-content';
import { shareImage } from './share-image';
import { site } from '../site';

/** Articles in the subscription feed, and in each archive page. */
export const FEED_ITEMS = 50;

export const feedPath = (): string => withBase('rss.xml');
export const archivePath = (page: number): string => withBase(`rss/archive/${page}.xml`);

/** How many full archive pages `count` articles make. */
export const archiveCount = (count: number): number => Math.floor(count / FEED_ITEMS);

/** The archive pages of `articles` (newest first, as `getArticles` gives them): full ones only. */
export function archivePages(articles: readonly ArticleEntry[]): ArticleEntry[][] {
  const oldestFirst = [...articles].reverse();
  const pages: ArticleEntry[][] = [];
  for (let start = 0; start + FEED_ITEMS <= oldestFirst.length; start += FEED_ITEMS) {
    // Newest first within a page, as in the subscription feed.
    pages.push(oldestFirst.slice(start, start + FEED_ITEMS).reverse());
  }
  return pages;
}

interface FeedLinks {
  /** This document's own address. */
  self: string;
  /** The subscription feed, named from archive pages. */
  current?: string | undefined;
  previousArchive?: string | undefined;
  nextArchive?: string | undefined;
  /** True for an archive page (`<fh:archive/>`): its entries are complete and fixed. */
  archive?: boolean;
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * An article's full text for `content:encoded`: its lead picture, then its body rendered as the
 * page renders it (pictures published through Astro's image pipeline), with absolute addresses.
 */
async function fullText(
  article: ArticleEntry,
  origin: URL | string,
  container: AstroContainer,
): Promise<string> {
  const url = new URL(articlePath(article), origin);
  const { Content } = await renderArticleBody(article);
  const body = await container.renderToString(Content);
  const lead = article.data.image
    ? leadFigureHtml(await shareImage(article.data.image, new URL(origin)))
    : '';
  return lead + feedHtml(body, url);
}

/** One feed document of `articles`, with the links that tie the subscription and archives together. */
export async function feedResponse(
  articles: readonly ArticleEntry[],
  origin: URL | string,
  links: FeedLinks,
): Promise<Response> {
  // A container for this document only: Astro 7.3's container keeps every component it has
  // rendered (a route each, in its manifest), so one shared by all feeds held every article's
  // body until the build ended.
  const container = await AstroContainer.create();
  const texts = await Promise.all(articles.map((article) => fullText(article, origin, container)));
  const absolute = (path: string) => escapeAttribute(new URL(path, origin).href);
  const link = (rel: string, path: string | undefined) =>
    path ? `<atom:link href="${absolute(path)}" rel="${rel}" type="application/rss+xml"/>` : '';
  return rss({
    title: site.name,
    description: site.tagline,
    site: new URL(withBase(''), origin).href,
    trailingSlash: true,
    xmlns: {
      atom: 'http://www.w3.org/2005/Atom',
      ...(links.archive ? { fh: 'http://purl.org/syndication/history/1.0' } : {}),
    },
    items: articles.map((article, i) => ({
      title: article.data.title,
      description: article.data.description,
      content: texts[i],
      pubDate: article.data.published,
      link: articlePath(article),
      categories: article.data.tags,
      ...(article.data.byline.length > 0
        ? { author: article.data.byline.map((a) => a.name).join(', ') }
        : {}),
    })),
    customData: [
      `<language>${site.language}</language>`,
      link('self', links.self),
      link('current', links.current),
      link('prev-archive', links.previousArchive),
      link('next-archive', links.nextArchive),
      links.archive ? '<fh:archive/>' : '',
    ].join(''),
  });
}
