import { describe, expect, it } from 'vitest';
import { ARTICLES_PER_PAGE, pageDays, pageSuffix, paginate } from '../../src/lib/pagination';

/** `count` items, newest first, as getArticles() gives them: item n is the nth oldest. */
const newestFirst = (count: number) => Array.from({ length: count }, (_, i) => count - i);

describe('paginate', () => {
  const pages = paginate(newestFirst(ARTICLES_PER_PAGE * 2 + 5), '/news/tags/nato/');

  it('addresses the first page at the base and numbered pages under page/, from the oldest', () => {
    expect(pages.map(({ rest }) => rest)).toEqual([undefined, 'page/1', 'page/2', 'page/3']);
    expect(pages.map(({ page }) => [page.newer, page.older])).toEqual([
      [undefined, '/news/tags/nato/page/2/'],
      ['/news/tags/nato/page/2/', undefined],
      ['/news/tags/nato/page/3/', '/news/tags/nato/page/1/'],
      ['/news/tags/nato/', '/news/tags/nato/page/2/'],
    ]);
  });

  it('shows the newest on the first page, and the oldest thirty on page 1', () => {
    const [first, one, two, three] = pages.map(({ page }) => page);
    expect(first!.number).toBeUndefined();
    expect(first!.total).toBe(65);
    expect(first!.items).toEqual(newestFirst(65).slice(0, 30));
    // Numbered pages list newest first too, and say nothing of the whole list's size.
    expect(one!.items).toEqual(newestFirst(30));
    expect(two!.items[0]).toBe(60);
    expect(two!.items.at(-1)).toBe(31);
    expect(three!.items).toEqual([65, 64, 63, 62, 61]);
    for (const page of [one, two, three]) expect(page).not.toHaveProperty('total');
  });

  it('leaves every numbered page but the newest as it was when an item is published', () => {
    const before = paginate(newestFirst(65), '/');
    const after = paginate(newestFirst(66), '/');
    const changed = after
      .map((page, i) => [page.rest, JSON.stringify(page.page) !== JSON.stringify(before[i]?.page)])
      .filter(([, differs]) => differs)
      .map(([rest]) => rest);
    expect(changed).toEqual([undefined, 'page/3']);
  });

  it('starts a new page when the newest fills, changing only the one before it besides', () => {
    const before = paginate(newestFirst(90), '/');
    const after = paginate(newestFirst(91), '/');
    expect(after).toHaveLength(before.length + 1);
    const changed = after
      .map((page, i) => [page.rest, JSON.stringify(page.page) !== JSON.stringify(before[i]?.page)])
      .filter(([, differs]) => differs)
      .map(([rest]) => rest);
    // The first page, page 3 (its "newer" link now goes to page 4) and the new page 4.
    expect(changed).toEqual([undefined, 'page/3', 'page/4']);
    expect(after[3]!.page.newer).toBe('/page/4/');
    expect(after[4]!.page.items).toEqual([91]);
  });

  it('moves only the pages from a back-dated or deleted item to the newest', () => {
    const changedPages = (after: number[], before: number[]) => {
      const pagesAfter = paginate(after, '/');
      const pagesBefore = paginate(before, '/');
      return pagesAfter
        .filter((page, i) => JSON.stringify(page.page) !== JSON.stringify(pagesBefore[i]?.page))
        .map(({ rest }) => rest);
    };
    const archive = newestFirst(150);
    // Item 0 published among items 70 and 71 (newest first, it sits before 70): pages 1 and 2
    // (items 1 to 60) are as they were; page 3 and after now hold one item more of the past.
    const backDated = [
      ...archive.slice(0, archive.indexOf(70)),
      0,
      ...archive.slice(archive.indexOf(70)),
    ];
    expect(changedPages(backDated, archive)).toEqual([
      undefined,
      'page/3',
      'page/4',
      'page/5',
      'page/6',
    ]);
    // Item 100 deleted: pages 1 to 3 (items 1 to 90) stay.
    expect(
      changedPages(
        archive.filter((item) => item !== 100),
        archive,
      ),
    ).toEqual([undefined, 'page/4', 'page/5']);
  });

  it('links the first page to the page with the first article it leaves out', () => {
    for (const count of [31, 45, 60, 61, 89, 90, 91, 1000]) {
      const [first, ...numbered] = paginate(newestFirst(count), '/').map(({ page }) => page);
      const target = numbered.find(({ number }) => `/page/${number}/` === first!.older)!;
      const leftOut = count - ARTICLES_PER_PAGE;
      expect(target.items).toContain(leftOut);
      // What it repeats of the first page are its newest items, fewer than a page.
      const repeated = target.items.filter((item) => first!.items.includes(item));
      expect(target.items.slice(0, repeated.length)).toEqual(repeated);
      expect(repeated.length).toBeLessThan(ARTICLES_PER_PAGE);
    }
  });

  it('holds every item exactly once over the numbered pages', () => {
    const items = paginate(newestFirst(1000), '/')
      .slice(1)
      .flatMap(({ page }) => page.items);
    expect(items.sort((a, b) => b - a)).toEqual(newestFirst(1000));
  });

  it('never gives a page the address of another route, however many there are', () => {
    const archive = paginate(Array.from({ length: 20_000 }), '/');
    expect(archive[404]!.rest).toBe('page/404');
    expect(archive.every(({ rest }) => rest === undefined || rest.startsWith('page/'))).toBe(true);
  });

  it('gives a list that fits on one page no numbered pages, and an empty list one empty page', () => {
    expect(paginate(newestFirst(30), '/')).toEqual([
      { rest: undefined, page: { items: newestFirst(30), total: 30, older: undefined } },
    ]);
    expect(paginate([], '/')).toEqual([
      { rest: undefined, page: { items: [], total: 0, older: undefined } },
    ]);
  });
});

describe('the titles of numbered pages', () => {
  const dated = (...days: string[]) => days.map((day) => ({ published: new Date(day) }));

  it('name the days the page spans and its number, never the number of pages', () => {
    const page = { items: dated('2024-04-01', '2024-03-20', '2024-03-03'), number: 12 };
    expect(pageDays(page)).toBe('3 March\u2009–\u20091 April 2024');
    expect(pageSuffix(page)).toBe(': 3 March\u2009–\u20091 April 2024, page 12');
    expect(pageSuffix({ items: page.items, total: 40 })).toBe('');
  });

  it('take a time as its day in the site’s zone (Paris)', () => {
    // 23:30 UTC on 31 March is 1 April in Paris.
    const page = { items: dated('2024-03-31T23:30:00Z', '2024-03-31T12:00:00Z'), number: 2 };
    expect(pageDays(page)).toBe('31 March\u2009–\u20091 April 2024');
    expect(pageDays({ items: dated('2024-03-05', '2024-03-05'), number: 1 })).toBe('5 March 2024');
  });
});
