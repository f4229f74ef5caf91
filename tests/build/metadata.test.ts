import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { DOMParser, parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { seedSlug } from '../support/article-source';
import { builtPages, readPage, visibleText } from '../support/dist';
import { distDir } from '../support/paths';
import { seedArticle, sentences } from '../support/seed';

const page = `articles/${seedSlug}/index.html`;
const url = `https://dispatch.example/articles/${seedSlug}/`;
const seed = seedArticle();
const meta = (document: Document, key: string) =>
  [...document.querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`)].map((m) =>
    m.getAttribute('content'),
  );

describe('article metadata', () => {
  const document = readPage(page);

  it('has a canonical URL and OpenGraph article tags', () => {
    expect(document.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(url);
    expect(meta(document, 'og:type')).toEqual(['article']);
    expect(meta(document, 'og:url')).toEqual([url]);
    expect(meta(document, 'og:title')).toEqual([seed.title]);
    // language_TERRITORY: the site's `en` with its likeliest territory.
    expect(meta(document, 'og:locale')).toEqual(['en_US']);
    expect(meta(document, 'article:published_time')).toEqual(['2023-04-21']);
    expect(meta(document, 'article:modified_time')).toEqual(['2023-04-21']);
    expect(meta(document, 'article:tag')).toEqual(['Ukraine', 'NATO', 'Russia', 'Military aid']);
  });

  it('has a Twitter card that needs no image, as there is none', () => {
    expect(meta(document, 'twitter:card')).toEqual(['summary']);
    expect(meta(document, 'og:image')).toEqual([]);
    expect(meta(document, 'twitter:image')).toEqual([]);
  });

  it('describes itself as a NewsArticle in JSON-LD, with no invented author', () => {
    const scripts = [...document.querySelectorAll('script[type="application/ld+json"]')];
    expect(scripts).toHaveLength(1);
    const data = JSON.parse(scripts[0]!.textContent!);
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: seed.title,
      datePublished: '2023-04-21',
      dateModified: '2023-04-21',
      dateline: 'Ramstein, Germany',
      keywords: 'Ukraine, NATO, Russia, Military aid',
      inLanguage: 'en',
      publisher: { '@type': 'Organization', name: 'Dispatch', url: 'https://dispatch.example/' },
    });
    expect(data).not.toHaveProperty('author');
    expect(data).not.toHaveProperty('correction');
  });

  it('links the RSS feed and shows the reading time', () => {
    expect(
      document
        .querySelector('link[rel="alternate"][type="application/rss+xml"]')
        ?.getAttribute('href'),
    ).toBe('https://dispatch.example/rss.xml');
    expect(visibleText(document.querySelector('.reading-time'))).toMatch(/^\d+ min read$/);
  });
});

describe('every page', () => {
  it.each(builtPages())('%s links the feed and has a CSP and a referrer policy', (file) => {
    const document = readPage(file);
    expect(
      document.querySelector('link[rel="alternate"][type="application/rss+xml"]'),
    ).not.toBeNull();
    const csp =
      document
        .querySelector('meta[http-equiv="content-security-policy"]')
        ?.getAttribute('content') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(meta(document, 'referrer')).toEqual(['strict-origin-when-cross-origin']);
    expect(
      document.querySelectorAll('script:not([src]):not([type="application/ld+json"])'),
    ).toHaveLength(0);
  });
});

describe('feeds and crawlers', () => {
  it('the RSS feed lists every article with its address and date', () => {
    const document = new DOMParser().parseFromString(
      readFileSync(join(distDir, 'rss.xml'), 'utf8'),
      'text/xml',
    );
    const items = [...document.querySelectorAll('item')];
    expect(items).toHaveLength(builtPages().filter((f) => f.startsWith('articles/')).length);
    const first = items.find((item) => item.querySelector('title')?.textContent === seed.title)!;
    expect(first.querySelector('link')?.textContent).toBe(url);
    expect(first.querySelector('pubDate')?.textContent).toBe('Fri, 21 Apr 2023 00:00:00 GMT');
  });

  it('the RSS feed carries each article’s full text, every address absolute', () => {
    const feed = readFileSync(join(distDir, 'rss.xml'), 'utf8');
    const document = new DOMParser().parseFromString(feed, 'text/xml');
    const item = [...document.querySelectorAll('item')].find(
      (entry) => entry.querySelector('title')?.textContent === seed.title,
    )!;
    const html = item.getElementsByTagName('content:encoded')[0]?.textContent ?? '';
    const body = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
    const page = readPage(`articles/${seedSlug}/index.html`);
    // Every paragraph of the page, in order, and nothing of the page's own furniture.
    expect([...body.querySelectorAll('p')].map((p) => p.textContent)).toEqual(
      [...page.querySelectorAll('.article-body p')].map((p) => p.textContent),
    );
    expect(body.querySelectorAll('.paragraph-link, .heading-anchor')).toHaveLength(0);
    const addresses = [...body.querySelectorAll('[href], [src]')].map(
      (element) => element.getAttribute('href') ?? element.getAttribute('src')!,
    );
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(address).toMatch(/^https:\/\//);
  });

  it('the sitemap lists the articles and robots.txt points to it', () => {
    const sitemap = readFileSync(join(distDir, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain(`<loc>${url}</loc><lastmod>2023-04-21T00:00:00.000Z</lastmod>`);
    expect(sitemap).not.toContain('/404');
    expect(readFileSync(join(distDir, 'robots.txt'), 'utf8')).toContain(
      'Sitemap: https://dispatch.example/sitemap-index.xml',
    );
  });
});

describe('reader mode (Mozilla Readability)', () => {
  const { document } = parseHTML(readFileSync(join(distDir, page), 'utf8'));
  const result = new Readability(document as unknown as Document).parse();
  const text = (result?.textContent ?? '').replace(/\s+/g, ' ');

  it('finds the headline, the dateline and the date, and takes no dateline for a byline', () => {
    expect(result?.title).toBe(seed.title);
    // Wire copy: no byline, and the dateline ("Ramstein, Germany") is not one.
    expect(result?.byline ?? null).toBeNull();
    expect(text).toContain('Ramstein, Germany');
    expect(text).toContain('21 April 2023');
  });

  it('keeps the whole body, in order', () => {
    let from = 0;
    for (const sentence of seed.paragraphs.flatMap(sentences)) {
      const at = text.indexOf(sentence, from);
      expect(at, sentence).toBeGreaterThanOrEqual(0);
      from = at + sentence.length;
    }
  });

  it('leaves out navigation, search, the table of contents and the ¶ controls', () => {
    expect(text).not.toMatch(
      /Skip to content|Search articles|In this article|Names in this article|¶/,
    );
    expect(result?.content ?? '').not.toMatch(
      /paragraph-link|heading-anchor|site-search|class="toc/,
    );
  });
});
