/**
 * Articles per page of the home page and of each tag page. An archive grows to tens of
 * thousands of articles: one page listing them all would weigh megabytes.
 */
export const ARTICLES_PER_PAGE = 30;

/** ", page 2 of 40" for the title of every page but the first. */
export function pageSuffix(page: { currentPage: number; lastPage: number }): string {
  return page.currentPage > 1 ? `, page ${page.currentPage} of ${page.lastPage}` : '';
}
