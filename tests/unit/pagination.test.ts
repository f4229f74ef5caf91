import { describe, expect, it } from 'vitest';
import { ARTICLES_PER_PAGE, pageSuffix, paginate } from '../../src/lib/pagination';

describe('paginate', () => {
  const items = Array.from({ length: ARTICLES_PER_PAGE * 2 + 5 }, (_, i) => i);
  const pages = paginate(items, '/news/tags/nato/');

  it('addresses the first page at the base and the others under page/', () => {
    expect(pages.map(({ rest }) => rest)).toEqual([undefined, 'page/2', 'page/3']);
    expect(pages.map(({ page }) => [page.previous, page.next])).toEqual([
      [undefined, '/news/tags/nato/page/2/'],
      ['/news/tags/nato/', '/news/tags/nato/page/3/'],
      ['/news/tags/nato/page/2/', undefined],
    ]);
  });

  it('splits the items in order, and says where each page is', () => {
    expect(pages.map(({ page }) => page.items.length)).toEqual([30, 30, 5]);
    expect(pages[1]!.page.items[0]).toBe(30);
    expect(pages[2]!.page).toMatchObject({ number: 3, last: 3, total: 65 });
    expect(pageSuffix(pages[2]!.page)).toBe(', page 3 of 3');
    expect(pageSuffix(pages[0]!.page)).toBe('');
  });

  it('never gives a page the address of another route, however many there are', () => {
    const archive = paginate(Array.from({ length: 20_000 }), '/');
    expect(archive[403]!.rest).toBe('page/404');
    expect(archive.every(({ rest }) => rest === undefined || rest.startsWith('page/'))).toBe(true);
  });

  it('gives an empty list one empty page', () => {
    expect(paginate([], '/')).toEqual([
      { rest: undefined, page: { items: [], number: 1, last: 1, total: 0 } },
    ]);
  });
});
