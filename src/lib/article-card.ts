import { articlePath, type ArticleEntry } from './articles';

/**
 * What a list shows of an article: its card (`ArticleList`) and, at the head of the front page,
 * its lead (`LeadStory`). List pages are given cards, not entries, so a list page's cache key
 * (src/lib/page-keys.ts `listPageKey`), a digest of its cards, holds everything the page shows
 * of its articles and nothing else: a correction to an article's text, which no list shows,
 * leaves every list that holds it as it was. A field a list is to show must be added here.
 */
export function articleCard(article: ArticleEntry): ArticleCard {
  let card = cards.get(article);
  if (!card) {
    card = cardOf(article);
    cards.set(article, card);
  }
  return card;
}

function cardOf(article: ArticleEntry) {
  const { data } = article;
  return {
    path: articlePath(article),
    title: data.title,
    description: data.description,
    published: data.published,
    dateline: data.dateline,
    language: data.language,
    byline: data.byline.map((author) => author.name),
    image: data.image ? { src: data.image.src, alt: data.image.alt } : undefined,
  };
}

export type ArticleCard = ReturnType<typeof cardOf>;

// Each article is listed on several pages (front page, tags, authors): one card each.
const cards = new WeakMap<ArticleEntry, ArticleCard>();
