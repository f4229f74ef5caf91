import { describe, expect, it } from 'vitest';
import { builtPages, readPage, visibleText } from '../support/dist';
import { seedArticle, sentences } from '../support/seed';

const articlePage = 'articles/kiev-allies-coordinate-aid-under-pressure-from-zelenskyy/index.html';
const seed = seedArticle();

describe('the seed article in dist/', () => {
  const document = readPage(articlePage);
  const article = document.querySelector('main article');
  const body = document.querySelector('.article-body');

  it('has one h1, the headline', () => {
    const h1s = document.querySelectorAll('h1');
    expect(h1s).toHaveLength(1);
    expect(visibleText(h1s[0]!)).toBe(seed.title);
    expect(article?.contains(h1s[0]!)).toBe(true);
  });

  it('shows every sentence of the source body, in order, with its spellings', () => {
    const text = visibleText(body);
    let from = 0;
    for (const sentence of seed.paragraphs.flatMap(sentences)) {
      const at = text.indexOf(sentence, from);
      expect(at, `missing or out of order: ${sentence}`).toBeGreaterThanOrEqual(0);
      from = at + sentence.length;
    }
    for (const spelling of ['Kiev', 'Kÿiv', 'Zelenskyy', 'Zelensky,', 'Oleksiï', 'Mig-29', '“']) {
      expect(text).toContain(spelling);
    }
  });

  it('drops the scraping artifacts: the repeated headline and the "Also read" lines', () => {
    const text = visibleText(body);
    expect(text).not.toContain(seed.title);
    expect(text).not.toContain('Also read');
  });

  it('groups the body into 4 to 6 sections with ids', () => {
    const headings = [...(body?.querySelectorAll('h2') ?? [])];
    expect(headings.length).toBeGreaterThanOrEqual(4);
    expect(headings.length).toBeLessThanOrEqual(6);
    for (const heading of headings) expect(heading.id).toMatch(/^[a-z0-9-]+$/);
  });

  it('carries the standfirst, the dateline and the publication date', () => {
    expect(visibleText(document.querySelector('.article-header .standfirst'))).toMatch(/Ramstein/);
    expect(visibleText(document.querySelector('.filed-from'))).toBe('Ramstein, Germany');
    const time = document.querySelector('.article-meta time');
    expect(time?.getAttribute('datetime')).toBe('2023-04-21');
    expect(visibleText(time)).toBe('21 April 2023');
  });

  it('invents no byline', () => {
    expect(document.querySelector('.byline, .author, [rel="author"]')).toBeNull();
  });

  it('lists the "Also read" headlines in an aside, without invented addresses', () => {
    const aside = document.querySelector('aside');
    const items = [...(aside?.querySelectorAll('li') ?? [])].map((li) => visibleText(li));
    expect(items).toEqual(seed.related);
    expect(aside?.querySelector('a')).toBeNull();
  });

  it('links its tags', () => {
    const tags = [...document.querySelectorAll('a[rel="tag"]')].map((a) => a.getAttribute('href'));
    expect(tags).toContain('/tags/ukraine/');
  });
});

describe('every built page', () => {
  const pages = builtPages();

  it('includes the home page, the article, its tag pages and the 404 page', () => {
    expect(pages).toEqual(expect.arrayContaining(['index.html', '404.html', articlePage]));
  });

  it.each(pages)('%s has lang, viewport, title, description and one main', (page) => {
    const document = readPage(page);
    expect(document.documentElement.getAttribute('lang')).toMatch(/^[a-z]{2}/);
    expect(document.querySelector('meta[name="viewport"]')?.getAttribute('content')).toContain(
      'width=device-width',
    );
    expect(visibleText(document.querySelector('title'))).not.toBe('');
    expect(
      document.querySelector('meta[name="description"]')?.getAttribute('content'),
    ).toBeTruthy();
    expect(document.querySelectorAll('main')).toHaveLength(1);
    expect(document.querySelectorAll('h1')).toHaveLength(1);
  });

  it('the home page lists every article, newest first, with title, date and standfirst', () => {
    const document = readPage('index.html');
    // The newest leads the front page; the rest follow in the list.
    const cards = [...document.querySelectorAll('.lead-story, .article-card')];
    expect(cards.length).toBeGreaterThanOrEqual(1);
    const dates = cards.map((card) => card.querySelector('time')?.getAttribute('datetime') ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    const first = cards.find((card) => visibleText(card).includes(seed.title));
    expect(first?.querySelector('a')?.getAttribute('href')).toBe(
      '/articles/kiev-allies-coordinate-aid-under-pressure-from-zelenskyy/',
    );
    expect(
      first?.querySelector('.lead-story__standfirst, .article-card__standfirst'),
    ).not.toBeNull();
  });
});
