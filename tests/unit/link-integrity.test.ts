import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { checkLinkIntegrity, scanPage, scanXml } from '../../src/integrations/link-integrity';
import { stampOf } from '../../src/integrations/file-stamp';
import { LinkScanCache, scanCodeDigest } from '../../src/integrations/link-scan-cache';
import { projectRoot } from '../support/paths';

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

  it('keeps no page alive through its scan (the check holds every page’s scan at once)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const filler = '<p>A paragraph of the article, as long as a real one.</p>'.repeat(16_000);
    gc();
    const before = process.memoryUsage().heapUsed;
    const scans = [];
    for (let i = 0; i < 40; i++) {
      const page = `<p id="paragraph-of-page-${i}"><a href="/articles/another-${i}/#p-1">x</a></p>${filler}<i id="a-${i}">.</i>`;
      scans.push(
        scanPage(page),
        scanXml(
          `<urlset><url><loc>https://example.org/page-number-${i}/</loc></url>${filler}</urlset>`,
        ),
      );
    }
    gc();
    const heldMb = (process.memoryUsage().heapUsed - before) / 1e6;
    // The pages, each about 1 MB, are 80 MB; their scans are a few kilobytes.
    expect(scans[0]!.ids.has('paragraph-of-page-0')).toBe(true);
    expect(heldMb).toBeLessThan(8);
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
    expect(await checkLinkIntegrity(dir, { root })).toEqual({
      pages: 2,
      problems: [],
      parsed: 3,
      cached: 0,
      read: 3,
    });
  });

  it('names the file for every duplicate id, missing page, missing id and link out of the base', async () => {
    const dir = site({
      'index.html':
        '<p id="x"></p><p id="x"></p><a href="/news/missing/">1</a><a href="/elsewhere/">2</a>',
      'a/index.html':
        '<a href="../#nowhere">3</a><a href="https://example.org/news/a/#also-nowhere">4</a><a href="#gone">5</a>',
      'rss.xml':
        '<rss><channel><item><link>https://example.org/news/gone/</link></item></channel></rss>',
    });
    const { problems } = await checkLinkIntegrity(dir, { root });
    expect(problems).toEqual([
      'dist/a/index.html: the link "../#nowhere" points to no element with id "nowhere" in dist/index.html',
      'dist/a/index.html: the link "https://example.org/news/a/#also-nowhere" points to no element with id "also-nowhere" in dist/a/index.html',
      'dist/a/index.html: the link "#gone" points to no element with id "gone" in dist/a/index.html',
      'dist/index.html: two elements have the id "x"',
      'dist/index.html: the link "/news/missing/" points to no page',
      'dist/index.html: the link "/elsewhere/" leaves the site\'s base path /news/',
      'dist/rss.xml: the link "https://example.org/news/gone/" points to no page',
    ]);
  });

  it('names every file that holds a broken link, and resolves a relative link from each file', async () => {
    const dir = site({
      'a/index.html': '<a href="/news/gone/">1</a><a href="b/">2</a>',
      'a/b/index.html': '<a href="/news/gone/">1</a>',
      'c/index.html': '<a href="/news/gone/">1</a><a href="b/">2</a>',
    });
    const { problems } = await checkLinkIntegrity(dir, { root });
    expect(problems).toEqual([
      'dist/a/b/index.html: the link "/news/gone/" points to no page',
      'dist/a/index.html: the link "/news/gone/" points to no page',
      'dist/c/index.html: the link "/news/gone/" points to no page',
      'dist/c/index.html: the link "b/" points to no page',
    ]);
  });
});

describe('checkLinkIntegrity with the scans of a build before', () => {
  const root = new URL('https://example.org/news/');
  const files = {
    'index.html': '<a href="/news/a/#p-1">a</a><a href="/news/b/">b</a><p id="top"></p>',
    'a/index.html': '<p id="p-1">one</p><p id="p-2">two</p><a href="../#top">up</a>',
    'b/index.html': '<a href="/news/a/#p-2">two</a>',
    'rss.xml':
      '<rss><channel><item><link>https://example.org/news/b/</link></item></channel></rss>',
  };
  const code = scanCodeDigest(new URL(`file://${projectRoot}/`))!;
  /** A check of `dir` as a build runs it: the cache read, used, and written back. */
  async function check(dir: string, cacheDir: string, codeDigest = code) {
    const cache = await LinkScanCache.open(cacheDir, codeDigest);
    const result = await checkLinkIntegrity(dir, { root, cache });
    await cache.write();
    return result;
  }
  /** The scans the cache in `cacheDir` holds. */
  const kept = (cacheDir: string) =>
    readFileSync(join(cacheDir, 'scans.tsv'), 'utf8').split('\n').filter(Boolean).length;

  it('parses only the files whose bytes it has not scanned', async () => {
    const dir = site(files);
    const cacheDir = mkdtempSync(join(tmpdir(), 'link-scans-'));
    expect(await check(dir, cacheDir)).toMatchObject({
      pages: 3,
      problems: [],
      parsed: 4,
      cached: 0,
    });
    expect(kept(cacheDir)).toBe(4);
    writeFileSync(join(dir, 'b/index.html'), '<a href="/news/a/#p-1">one</a>');
    expect(await check(dir, cacheDir)).toMatchObject({
      pages: 3,
      problems: [],
      parsed: 1,
      cached: 3,
    });
    // Other scanning code: nothing scanned by the old one is taken.
    expect(await check(dir, cacheDir, 'other code')).toMatchObject({ parsed: 4, cached: 0 });
  });

  it('does not read again a file whose digest this build took (the search index reads every page first)', async () => {
    const dir = site(files);
    // Files changed a moment before they are read are read again (see file-stamp.ts).
    for (const file of Object.keys(files)) {
      await expect.poll(async () => (await stampOf(join(dir, file)))?.settled).toBe(true);
    }
    const cacheDir = mkdtempSync(join(tmpdir(), 'link-scans-'));
    expect(await check(dir, cacheDir)).toMatchObject({ parsed: 4, cached: 0, read: 4 });
    expect(await check(dir, cacheDir)).toMatchObject({ parsed: 0, cached: 4, read: 0 });
    // The same bytes written again: read, and its scan found by them.
    writeFileSync(join(dir, 'b/index.html'), files['b/index.html']);
    expect(await check(dir, cacheDir)).toMatchObject({ parsed: 0, cached: 4, read: 1 });
    // A page gone: the links to it of pages not read are still checked.
    rmSync(join(dir, 'a'), { recursive: true });
    const withoutA = await check(dir, cacheDir);
    expect(withoutA).toMatchObject({ parsed: 0, cached: 3 });
    expect(withoutA.problems).toHaveLength(2);
    expect(withoutA.problems).toEqual((await checkLinkIntegrity(dir, { root })).problems);
    // Other scanning code: a known digest finds none of its scans, so the files are read.
    expect(await check(dir, cacheDir, 'other code')).toMatchObject({
      parsed: 3,
      cached: 0,
      read: 3,
    });
  });

  it('still finds a link to an id or a page that is gone, from cached scans', async () => {
    const dir = site(files);
    const cacheDir = mkdtempSync(join(tmpdir(), 'link-scans-'));
    expect((await check(dir, cacheDir)).problems).toEqual([]);
    // The anchor b links to is removed: b is unchanged, so its scan comes from the cache.
    writeFileSync(join(dir, 'a/index.html'), '<p id="p-1">one</p><a href="../#top">up</a>');
    const withoutAnchor = await check(dir, cacheDir);
    expect(withoutAnchor).toMatchObject({ parsed: 1, cached: 3 });
    expect(withoutAnchor.problems).toEqual([
      'dist/b/index.html: the link "/news/a/#p-2" points to no element with id "p-2" in dist/a/index.html',
    ]);
    // The same problems, word for word, as a check with no cache finds.
    expect((await checkLinkIntegrity(dir, { root })).problems).toEqual(withoutAnchor.problems);

    // Page b is deleted: the pages and the feed that link to it are unchanged, and cached.
    rmSync(join(dir, 'b'), { recursive: true });
    const withoutPage = await check(dir, cacheDir);
    expect(withoutPage).toMatchObject({ parsed: 0, cached: 3 });
    expect(withoutPage.problems).toEqual([
      'dist/index.html: the link "/news/b/" points to no page',
      'dist/rss.xml: the link "https://example.org/news/b/" points to no page',
    ]);
    expect((await checkLinkIntegrity(dir, { root })).problems).toEqual(withoutPage.problems);
  });

  it('keeps a duplicate id in the scan', async () => {
    const dir = site({ 'index.html': '<p id="x"></p><p id="x"></p>' });
    const cacheDir = mkdtempSync(join(tmpdir(), 'link-scans-'));
    for (const cached of [0, 1]) {
      expect(await check(dir, cacheDir)).toMatchObject({
        cached,
        problems: ['dist/index.html: two elements have the id "x"'],
      });
    }
  });

  it('keeps only the scans the last check used, and drops what a stopped one left half-written', async () => {
    const dir = site(files);
    const cacheDir = mkdtempSync(join(tmpdir(), 'link-scans-'));
    await check(dir, cacheDir);
    writeFileSync(join(dir, 'b/index.html'), '<p>changed</p>');
    writeFileSync(join(cacheDir, 'scans.tsv.1234.tmp'), 'abc\t{"ids":');
    // A line cut short is no scan: the file is parsed again.
    writeFileSync(
      join(cacheDir, 'scans.tsv'),
      readFileSync(join(cacheDir, 'scans.tsv'), 'utf8').replace(
        /\{[^\n]*"p-2"[^\n]*\n/,
        '{"ids":[\n',
      ),
    );
    expect(await check(dir, cacheDir)).toMatchObject({ parsed: 2, cached: 2, problems: [] });
    // Four files, four scans: the old scan of b and the broken line are gone.
    expect(kept(cacheDir)).toBe(4);
    expect(readdirSync(cacheDir)).toEqual(['scans.tsv']);
    expect(await check(dir, cacheDir)).toMatchObject({ parsed: 0, cached: 4 });
  });

  it('takes the scanning code and its parser’s version into the code digest', () => {
    expect(code).toMatch(/^[0-9a-f]{64}$/);
    // A project without htmlparser2 installed keeps no scans rather than risking stale ones.
    expect(scanCodeDigest(new URL('file:///nowhere/'))).toBeUndefined();
  });
});
