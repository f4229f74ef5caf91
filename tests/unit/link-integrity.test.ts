import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLinkIntegrity, scanPage, scanXml } from '../../src/integrations/link-integrity';

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'integrity-'));
  for (const [path, html] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), html);
  }
  return dir;
}

describe('scanPage', () => {
  it('collects ids, repeated ids and the addresses of links, forms and Open Graph, not of images', () => {
    const scan = scanPage(
      '<link rel="canonical" href="/x/"><meta property="og:url" content="/x/">' +
        '<p id="a">x <a href="#a">y</a></p><span id="a"></span><img src="/i.png" srcset="/i-2.png 2x, /i-3.png 3x">' +
        '<script type="module" src="/s.js"></script><form action="/search/"></form>',
    );
    expect([...scan.ids]).toEqual(['a']);
    expect([...scan.duplicateIds]).toEqual(['a']);
    expect(scan.links).toEqual(['/x/', '/x/', '#a', '/search/']);
  });
});

describe('scanXml', () => {
  it('collects the addresses of a feed and a sitemap, not those of non-permalink guids', () => {
    const feed = scanXml(
      '<rss xmlns:atom="http://www.w3.org/2005/Atom"><channel><link>https://example.org/news/</link>' +
        '<atom:link href="https://example.org/news/rss.xml" rel="self"/>' +
        '<item><link>https://example.org/news/a/</link><guid isPermaLink="true">https://example.org/news/a/</guid></item>' +
        '<item><guid isPermaLink="false">tag:1</guid></item></channel></rss>',
    );
    expect(feed.links).toEqual([
      'https://example.org/news/',
      'https://example.org/news/rss.xml',
      'https://example.org/news/a/',
      'https://example.org/news/a/',
    ]);
    const sitemap = scanXml('<urlset><url><loc>https://example.org/news/a/</loc></url></urlset>');
    expect(sitemap.links).toEqual(['https://example.org/news/a/']);
  });
});

describe('checkLinkIntegrity', () => {
  const root = new URL('https://example.org/news/');

  it('accepts links to pages, files and ids that exist, text fragments and other hosts', async () => {
    const dir = site({
      'index.html':
        '<a href="/news/a/#p-1">a</a><a href="a/#p-1:~:text=hello">b</a><a href="feed.xml">c</a>',
      'a/index.html':
        '<p id="p-1">hello</p><a href="https://elsewhere.example/x#y">out</a><a href="#">top</a>',
      'feed.xml': '<rss/>',
    });
    expect(await checkLinkIntegrity(dir, { root })).toEqual({ pages: 2, problems: [] });
  });

  it('names the file for every duplicate id, missing page, missing id and link out of the base', async () => {
    const dir = site({
      'index.html':
        '<p id="x"></p><p id="x"></p><a href="/news/missing/">1</a><a href="/elsewhere/">2</a>',
      'a/index.html':
        '<a href="../#nowhere">3</a><a href="https://example.org/news/a/#also-nowhere">4</a>',
      'rss.xml':
        '<rss><channel><item><link>https://example.org/news/gone/</link></item></channel></rss>',
    });
    const { problems } = await checkLinkIntegrity(dir, { root });
    expect(problems).toEqual([
      'dist/a/index.html: the link "../#nowhere" points to no element with id "nowhere" in dist/index.html',
      'dist/a/index.html: the link "https://example.org/news/a/#also-nowhere" points to no element with id "also-nowhere" in dist/a/index.html',
      'dist/index.html: two elements have the id "x"',
      'dist/index.html: the link "/news/missing/" points to no page',
      'dist/index.html: the link "/elsewhere/" leaves the site\'s base path /news/',
      'dist/rss.xml: the link "https://example.org/news/gone/" points to no page',
    ]);
  });
});
