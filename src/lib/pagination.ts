import { formatDayRange } from './dates';

/**
 * Articles per page of the home page and of each tag and author page. An archive grows to tens
 * of thousands of articles: one page listing them all would weigh megabytes.
 */
export const ARTICLES_PER_PAGE = 30;

/**
 * One page of a long list. It carries only what the page shows, for the page's cache key
 * (src/lib/page-keys.ts `listPageKey`) is made of it: a field that changed with every publish
 * (the number of pages, say) would make every page of the archive again.
 */
export interface ListPage<T> {
  /** Newest first. */
  items: T[];
  /**
   * A numbered page's number, counted from the oldest: page 1 holds the oldest articles, and
   * page k always the same ones. `undefined` on the list's first page, which shows the newest.
   */
  number?: number | undefined;
  /** How many items the whole list holds: given to the first page only. */
  total?: number | undefined;
  /** Addresses of the pages of newer and of older items, when there are. */
  newer?: string | undefined;
  older?: string | undefined;
}

/**
 * Splits `items` (newest first) into a list's pages: the first, at `base`, shows the newest
 * `ARTICLES_PER_PAGE`; numbered pages at `base` + `page/1/`, `page/2/`, ... hold the whole list,
 * numbered from the oldest, so that page k holds the same items whatever is published after
 * them. A new item changes the first page, the newest numbered page (it gains the item, or a new
 * one starts) and, when a new page starts, the "newer" link of the one before it: nothing else.
 * An item inserted further back (a back-dated article) or removed shifts the pages from it to
 * the newest, and only those.
 *
 * A list that fits on its first page has no numbered pages: they would repeat it.
 *
 * Astro's own paginate() puts page 404 of the home page at /404/, where the 404 page is: a
 * 12,000-article archive failed to build. The `page/` prefix keeps numbers clear of any route.
 * Each page comes with the rest parameter that gives its address (`undefined` for the first).
 */
export function paginate<T>(
  items: readonly T[],
  base: string,
): { rest: string | undefined; page: ListPage<T> }[] {
  const count = items.length;
  const numbered = count > ARTICLES_PER_PAGE ? Math.ceil(count / ARTICLES_PER_PAGE) : 0;
  const address = (number: number) => `${base}page/${number}/`;
  const first = {
    rest: undefined,
    page: {
      items: items.slice(0, ARTICLES_PER_PAGE),
      total: count,
      // The newest numbered page holds only articles the first page shows too, so "older" goes
      // to the one before it: the page that holds the first article the first page leaves out.
      // Its newest articles may be on the first page as well (all but the `count % 30` of the
      // newest page): a reader sees a few again rather than skipping any.
      older: numbered > 0 ? address(numbered - 1) : undefined,
    },
  };
  const pages = Array.from({ length: numbered }, (_, index) => {
    const number = index + 1;
    return {
      rest: `page/${number}`,
      page: {
        items: items.slice(
          Math.max(0, count - number * ARTICLES_PER_PAGE),
          count - index * ARTICLES_PER_PAGE,
        ),
        number,
        newer: number < numbered ? address(number + 1) : base,
        older: number > 1 ? address(number - 1) : undefined,
      },
    };
  });
  return [first, ...pages];
}

/** Anything with a publication date, as an article's card has. */
interface Dated {
  published: Date;
}

/** The days a page's items were published over, "3 March – 1 April 2024". */
export function pageDays(page: ListPage<Dated>): string {
  const newest = page.items[0];
  const oldest = page.items.at(-1);
  return newest && oldest ? formatDayRange(oldest.published, newest.published) : '';
}

/**
 * ": 3 March – 1 April 2024, page 12" for the title of a numbered page; nothing for the first.
 * Both parts stay as they are when newer articles are published ("page 12 of 40" would not).
 */
export function pageSuffix(page: ListPage<Dated>): string {
  return page.number === undefined ? '' : `: ${pageDays(page)}, page ${page.number}`;
}
