import { slug } from 'github-slugger';
import { withBase, type ArticleEntry } from './articles';

/** A person credited with articles, as their bylines name them. */
export interface Author {
  name: string;
  /** Their own page elsewhere, from the newest byline that gives one. */
  url?: string | undefined;
  /** Newest first, as `articles` came. */
  articles: ArticleEntry[];
}

function authorSlug(name: string): string {
  return slug(name.normalize('NFC'));
}

/** The site's page for an author, which lists their articles: `/authors/jane-doe/`. */
export function authorPath(name: string): string {
  return withBase(`authors/${authorSlug(name)}/`);
}

/** Every author of the articles (given newest first), by the slug of their name. */
export function authorsOf(articles: readonly ArticleEntry[]): Map<string, Author> {
  const authors = new Map<string, Author>();
  for (const article of articles) {
    for (const { name, url } of article.data.byline) {
      const key = authorSlug(name);
      const author = authors.get(key) ?? { name, articles: [] };
      author.url ??= url;
      author.articles.push(article);
      authors.set(key, author);
    }
  }
  return authors;
}

/**
 * Names joined as the language joins them ("A, B and C"; "A, B et C"): each name, and the words
 * between them, so a byline can make each name a link.
 */
export function bylineParts(
  names: readonly string[],
  language: string,
): { type: 'name' | 'between'; text: string }[] {
  return new Intl.ListFormat(language, { type: 'conjunction' })
    .formatToParts(names)
    .map(({ type, value }) => ({ type: type === 'element' ? 'name' : 'between', text: value }));
}
