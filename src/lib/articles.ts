import { getCollection, type CollectionEntry } from 'astro:content';
import { slug } from 'github-slugger';
import { site } from '../site';

export type ArticleEntry = CollectionEntry<'articles'>;

/** Every article, newest first; ties broken by id so the order never depends on the file system. */
export async function getArticles(): Promise<ArticleEntry[]> {
  const articles = await getCollection('articles');
  return articles.sort(
    (a, b) =>
      b.data.published.getTime() - a.data.published.getTime() || a.id.localeCompare(b.id, 'en'),
  );
}

/**
 * Joins a site-relative path to the configured base, e.g. `articles/x/` -> `/news/articles/x/`.
 * The base comes from `src/site.ts`, as in the config: on the server Astro lets a `BASE_URL`
 * in the environment override `import.meta.env.BASE_URL`.
 */
export function withBase(path: string): string {
  const base = site.base.replace(/\/?$/, '/');
  return base + path.replace(/^\//, '');
}

export function articlePath(article: ArticleEntry): string {
  return withBase(`articles/${article.id}/`);
}

export function tagSlug(tag: string): string {
  return slug(tag);
}

export function tagPath(tag: string): string {
  return withBase(`tags/${tagSlug(tag)}/`);
}
