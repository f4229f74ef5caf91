/**
 * Articles per page of the home page and of each tag page. An archive grows to tens of
 * thousands of articles: one page listing them all would weigh megabytes.
 */
export const ARTICLES_PER_PAGE = 30;

/** One page of a long list. */
export interface ListPage<T> {
  items: T[];
  /** From 1. */
  number: number;
  last: number;
  /** Total items over all pages. */
  total: number;
  /** Addresses of the newer and older pages, when there are. */
  previous?: string | undefined;
  next?: string | undefined;
}

/**
 * Splits `items` into pages addressed `base` (the first), then `base` + `page/2/`, `page/3/`, ...
 * Astro's own paginate() puts page 404 of the home page at /404/, where the 404 page is: a
 * 12,000-article archive failed to build. The `page/` prefix keeps numbers clear of any route.
 * Each page comes with the rest parameter that gives its address (`undefined` for the first).
 */
export function paginate<T>(
  items: readonly T[],
  base: string,
): { rest: string | undefined; page: ListPage<T> }[] {
  const last = Math.max(1, Math.ceil(items.length / ARTICLES_PER_PAGE));
  const rest = (number: number) => (number === 1 ? undefined : `page/${number}`);
  const address = (number: number) => (number === 1 ? base : `${base}page/${number}/`);
  return Array.from({ length: last }, (_, index) => {
    const number = index + 1;
    return {
      rest: rest(number),
      page: {
        items: items.slice(index * ARTICLES_PER_PAGE, (index + 1) * ARTICLES_PER_PAGE),
        number,
        last,
        total: items.length,
        previous: number > 1 ? address(number - 1) : undefined,
        next: number < last ? address(number + 1) : undefined,
      },
    };
  });
}

/** ", page 2 of 40" for the title of every page but the first. */
export function pageSuffix(page: { number: number; last: number }): string {
  return page.number > 1 ? `, page ${page.number} of ${page.last}` : '';
}
