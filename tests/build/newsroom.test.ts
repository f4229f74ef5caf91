import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { DOMParser, parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedSlug } from '../support/article-source';
import { readPage, visibleText } from '../support/dist';
import { newsroomBuild } from '../support/newsroom';

let dist: string;
beforeAll(async () => {
  dist = (await newsroomBuild()).distDir;
}, 300_000);

const page = (path: string) => readPage(join(path, 'index.html'), dist);
const meta = (document: Document, key: string) =>
  [...document.querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`)].map((m) =>
    m.getAttribute('content'),
  );
const jsonLd = (document: Document) =>
  JSON.parse(
    document.querySelector('script[type="application/ld+json"]')?.textContent ?? '{}',
  ) as Record<string, unknown>;
/** The file a page address names in the build. */
const builtFile = (src: string) => join(dist, new URL(src, 'https://dispatch.example/').pathname);
const srcsetFiles = (img: Element) =>
  (img.getAttribute('srcset') ?? '')
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/))
    .filter(([src]) => src);

describe('pictures (tests/fixtures/newsroom)', () => {
  it('shows the lead image as a figure, eager, with a WebP srcset, width, height and caption', () => {
    const figure = page('articles/pictures').querySelector('article > header > .figure--lead');
    const img = figure?.querySelector('img');
    expect(img).toBeTruthy();
    expect(img!.getAttribute('alt')).toBe(
      'Four bands of colour behind a white ring, labelled “Lead picture”',
    );
    expect(img!.getAttribute('loading')).toBe('eager');
    expect(img!.getAttribute('fetchpriority')).toBe('high');
    expect(img!.getAttribute('width')).toBe('1600');
    expect(img!.getAttribute('height')).toBe('900');
    expect(img!.getAttribute('sizes')).toBeTruthy();
    const candidates = srcsetFiles(img!);
    expect(candidates.map(([, width]) => width)).toEqual(['360w', '720w', '1080w', '1440w']);
    for (const [src] of [...candidates, [img!.getAttribute('src')!]]) {
      expect(src).toMatch(/^\/_astro\/.+\.webp$/);
      expect(existsSync(builtFile(src!)), src).toBe(true);
    }
    expect(visibleText(figure!.querySelector('figcaption'))).toBe(
      'The lead picture of the fixture article, drawn for the tests. Credit: Dispatch test suite',
    );
  });

  it('shows the inline picture as a lazy figure with its caption and credit, through the pipeline', () => {
    const figures = [...page('articles/pictures').querySelectorAll('.article-body figure')];
    expect(figures).toHaveLength(2);
    const [chart, decorative] = figures as [Element, Element];
    const img = chart.querySelector('img')!;
    expect(img.getAttribute('alt')).toMatch(/Inline chart/);
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('width')).toBe('1200');
    expect(img.getAttribute('height')).toBe('800');
    expect(img.hasAttribute('title')).toBe(false);
    // Never wider than the file: 1,440 becomes the file's own 1,200.
    expect(srcsetFiles(img).map(([, width]) => width)).toEqual(['360w', '720w', '1080w', '1200w']);
    for (const [src] of srcsetFiles(img)) {
      expect(src).toMatch(/^\/_astro\/chart\..+\.webp$/);
      expect(existsSync(builtFile(src!))).toBe(true);
    }
    expect(visibleText(chart.querySelector('.figure__caption'))).toBe(
      'The inline chart of the fixture article.',
    );
    expect(visibleText(chart.querySelector('.figure__credit'))).toBe('Credit: Dispatch test suite');
    expect(decorative.querySelector('img')?.getAttribute('alt')).toBe('');
    expect(decorative.querySelector('figcaption')).toBeNull();
    const html = readFileSync(join(dist, 'articles/pictures/index.html'), 'utf8');
    expect(html).not.toMatch(/__ASTRO_IMAGE_|\.\/chart\.png/);
  });

  it('gives link previews the lead image: absolute og:image with its alt, the large card', () => {
    const document = page('articles/pictures');
    const [image] = meta(document, 'og:image');
    expect(image).toMatch(/^https:\/\/dispatch\.example\/_astro\/lead\..+\.jpe?g$/);
    expect(existsSync(builtFile(image!))).toBe(true);
    expect(meta(document, 'og:image:width')).toEqual(['1200']);
    expect(meta(document, 'og:image:height')).toEqual(['675']);
    expect(meta(document, 'og:image:alt')).toEqual([
      'Four bands of colour behind a white ring, labelled “Lead picture”',
    ]);
    expect(meta(document, 'twitter:card')).toEqual(['summary_large_image']);
    expect(meta(document, 'twitter:image')).toEqual([image]);
    expect(jsonLd(document)['image']).toEqual({
      '@type': 'ImageObject',
      url: image,
      contentUrl: image,
      width: 1200,
      height: 675,
      caption: 'The lead picture of the fixture article, drawn for the tests.',
      creditText: 'Dispatch test suite',
    });
  });

  it('leaves an article without a lead image as it was: no og:image, the small card', () => {
    for (const path of ['articles/plain', `articles/${seedSlug}`]) {
      const document = page(path);
      expect(document.querySelector('.figure--lead'), path).toBeNull();
      if (path === 'articles/plain') expect(document.querySelector('figure, img')).toBeNull();
      expect(meta(document, 'og:image'), path).toEqual([]);
      expect(meta(document, 'twitter:card'), path).toEqual(['summary']);
      expect(jsonLd(document), path).not.toHaveProperty('image');
    }
  });
});

describe('the seed article’s graphic, made from its own figures', () => {
  it('stands after the paragraph that gives the figures, credited to the site', () => {
    const document = page(`articles/${seedSlug}`);
    const figure = document.querySelector('.article-body figure');
    expect(figure?.previousElementSibling?.textContent).toContain('$150 billion in aid');
    expect(figure?.querySelector('img')?.getAttribute('alt')).toMatch(
      /150 billion dollars in all, of which 65 billion dollars for the military/,
    );
    expect(figure?.querySelector('img')?.getAttribute('srcset')).toMatch(/\.webp 1080w/);
    expect(visibleText(figure?.querySelector('.figure__credit') ?? null)).toBe('Credit: Dispatch');
  });
});

describe('bylines (tests/fixtures/newsroom)', () => {
  it('names each author as a Person in JSON-LD, with a url when one is given', () => {
    expect(jsonLd(page('articles/pictures'))['author']).toEqual([
      { '@type': 'Person', name: 'Jane Fixture', url: 'https://example.org/staff/jane-fixture' },
      { '@type': 'Person', name: 'Sam Tester' },
    ]);
  });

  it('links each name in the byline to the author’s page, which lists their articles', () => {
    const links = [...page('articles/pictures').querySelectorAll('.byline a[rel="author"]')];
    expect(links.map((a) => [visibleText(a), a.getAttribute('href')])).toEqual([
      ['Jane Fixture', '/authors/jane-fixture/'],
      ['Sam Tester', '/authors/sam-tester/'],
    ]);
    expect(visibleText(page('articles/pictures').querySelector('.byline'))).toBe(
      'By Jane Fixture and Sam Tester',
    );
    const sam = page('authors/sam-tester');
    expect(visibleText(sam.querySelector('h1'))).toBe('Sam Tester');
    expect(
      [...sam.querySelectorAll('.article-card__title a')].map((a) => a.getAttribute('href')),
    ).toEqual(['/articles/pictures/', '/articles/second/']);
    const jane = page('authors/jane-fixture');
    expect(jane.querySelector('.lede a')?.getAttribute('href')).toBe(
      'https://example.org/staff/jane-fixture',
    );
    expect(jsonLd(jane)).toMatchObject({
      '@type': 'ProfilePage',
      mainEntity: { '@type': 'Person', name: 'Jane Fixture' },
    });
    expect(existsSync(join(dist, 'authors'))).toBe(true);
  });

  it('reader mode (Mozilla Readability) reads the byline, and never the dateline, as the byline', () => {
    const read = (path: string) => {
      const { document } = parseHTML(readFileSync(join(dist, path, 'index.html'), 'utf8'));
      return new Readability(document as unknown as Document).parse();
    };
    const pictures = read('articles/pictures');
    expect(pictures?.byline).toBe('Jane Fixture, Sam Tester');
    // Reader mode keeps the pictures, the lead one too, with their captions.
    expect(pictures?.content).toMatch(/<img[^>]+alt="Four bands of colour[^"]*Lead picture/);
    expect(pictures?.content).toContain('The inline chart of the fixture article.');
    expect(read('articles/second')?.byline).toBe('Sam Tester');
    for (const path of ['articles/plain', `articles/${seedSlug}`]) {
      const result = read(path);
      expect(result?.byline ?? null, path).toBeNull();
    }
    // The dateline is still read, as part of the story.
    expect(read('articles/plain')?.textContent).toContain('Brussels, Belgium');
  });
});

describe('the front page (tests/fixtures/newsroom)', () => {
  const front = () => page('');

  it('leads with the newest article: picture, headline, standfirst, date and dateline', () => {
    const lead = front().querySelector('.front-lead .lead-story')!;
    expect(visibleText(lead.querySelector('h2'))).toBe('Test fixture with pictures and a byline');
    expect(lead.querySelector('h2 a')?.getAttribute('href')).toBe('/articles/pictures/');
    expect(visibleText(lead.querySelector('.lead-story__standfirst'))).toMatch(
      /^A fixture article/,
    );
    const img = lead.querySelector('img');
    expect(img?.getAttribute('alt')).toMatch(/Lead picture/);
    expect(img?.getAttribute('loading')).toBe('eager');
    expect(img?.getAttribute('fetchpriority')).toBe('high');
    expect(img?.getAttribute('srcset')).toMatch(/\.webp 360w/);
    expect(lead.querySelector('time')?.getAttribute('datetime')).toBe('2023-05-02T07:15:00Z');
    expect(visibleText(lead.querySelector('.filed-from'))).toBe('Kyiv, Ukraine');
  });

  it('lists the rest with dates, datelines, and a picture where they have one', () => {
    const cards = [...front().querySelectorAll('.front-latest .article-card')];
    expect(cards.map((card) => visibleText(card.querySelector('h3')))).toEqual([
      'A second fixture article by the same reporter',
      'Kiev allies are coordinating their aid under pressure from Zelenskyy',
      'A fixture article without pictures or a byline',
    ]);
    for (const card of cards) {
      expect(card.querySelector('time[datetime]')).not.toBeNull();
      expect(card.querySelector('.filed-from')).not.toBeNull();
    }
    const pictures = cards.map((card) => card.querySelector('img'));
    expect(pictures.map((img) => img !== null)).toEqual([true, false, false]);
    expect(pictures[0]?.getAttribute('loading')).toBe('lazy');
    expect(pictures[0]?.getAttribute('srcset')).toMatch(/\.webp 160w/);
  });

  it('has a masthead with the site’s identity, and its most used tags as sections', () => {
    const document = front();
    expect(visibleText(document.querySelector('.masthead h1'))).toBe('Dispatch');
    expect(visibleText(document.querySelector('.masthead p'))).toMatch(/cite by the paragraph/);
    const sections = [...document.querySelectorAll('nav.sections a')];
    expect(sections.map((a) => visibleText(a))[0]).toBe('Ukraine');
    for (const a of sections) expect(a.getAttribute('href')).toMatch(/^\/tags\/[a-z0-9-]+\/$/);
    // The same sections on every page, marked where the reader is.
    const tag = page('tags/ukraine');
    expect(tag.querySelector('nav.sections a[aria-current="page"]')?.textContent?.trim()).toBe(
      'Ukraine',
    );
  });
});

describe('feeds and sitemap (tests/fixtures/newsroom)', () => {
  it('gives the full text in the feed with the lead picture and the inline figures, published', () => {
    const feed = readFileSync(join(dist, 'rss.xml'), 'utf8');
    const xml = new DOMParser().parseFromString(feed, 'text/xml');
    const item = [...xml.querySelectorAll('item')].find(
      (entry) =>
        entry.querySelector('link')?.textContent === 'https://dispatch.example/articles/pictures/',
    )!;
    const html = item.getElementsByTagName('content:encoded')[0]?.textContent ?? '';
    const body = parseHTML(`<html><body>${html}</body></html>`).document;
    const figures = [...body.querySelectorAll('figure')];
    // The lead picture, then the chart and the decorative picture of the body.
    expect(figures).toHaveLength(3);
    expect(visibleText(figures[0]!.querySelector('figcaption'))).toBe(
      'The lead picture of the fixture article, drawn for the tests. Credit: Dispatch test suite',
    );
    for (const img of body.querySelectorAll('img')) {
      const src = img.getAttribute('src')!;
      expect(src).toMatch(/^https:\/\/dispatch\.example\/_astro\//);
      expect(existsSync(builtFile(src)), src).toBe(true);
      for (const [candidate] of srcsetFiles(img)) {
        expect(candidate).toMatch(/^https:\/\//);
        expect(existsSync(builtFile(candidate!)), candidate).toBe(true);
      }
    }
  });

  it('dates each article in the sitemap by its last update', () => {
    const sitemap = readFileSync(join(dist, 'sitemap-0.xml'), 'utf8');
    // Updated 3 May 2023 at 09:00 in Kyiv (UTC+3).
    expect(sitemap).toContain(
      '<loc>https://dispatch.example/articles/pictures/</loc><lastmod>2023-05-03T06:00:00.000Z</lastmod>',
    );
  });
});
