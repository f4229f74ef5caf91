import { createHash } from 'node:crypto';
import {
  existsSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { archiveArticle, archiveFiles, correctedParagraph } from '../support/archive-fixture';
import { article, seedPictures, seedSource } from '../support/article-source';
import { buildAgain, buildTemporarySite, type TemporaryBuild } from '../support/build';
import { STILL_TO_WRITE } from '../../src/content/still-to-write';

/**
 * Publishing into an archive that was built before: Astro's incremental build copies each page
 * whose cacheKey (src/lib/page-keys.ts) and code are unchanged from the build before. A warm
 * rebuild must give the very site a cold build of the same content gives.
 */

const ARTICLES = 55;
const added = { file: 'articles/dispatch-new.md', path: 'articles/dispatch-new/' };
const addedTitle = 'Ceasefire talks open in Geneva';
const edited = { file: 'articles/dispatch-10.md', path: 'articles/dispatch-10/' };
const correction = 'Stoltenberg told reporters in Kyiv that the talks ended before midnight.';
const renamed = { from: 'articles/dispatch-20.md', to: 'articles/dispatch-twenty.md' };
const deleted = { file: 'articles/dispatch-30.md', title: 'Dispatch number 30 from the front' };

let cold: TemporaryBuild;
let warm: TemporaryBuild;
let coldAgain: TemporaryBuild;
/** Each article page's file as the cold build left it: its inode and times, and its bytes. */
let articleFilesBefore: Map<string, { identity: string; bytes: Buffer }>;

const fileIdentity = (file: string) => {
  const { ino, mtimeNs, ctimeNs } = statSync(file, { bigint: true });
  return `${ino}:${mtimeNs}:${ctimeNs}`;
};

/** Every file under `root`, as sorted paths relative to it. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}

/** A build from nothing (new cache, new output) of the content `build`'s folder holds now. */
function coldBuildOf(build: TemporaryBuild, env: Record<string, string> = {}) {
  const content = build.contentDir;
  return buildTemporarySite(
    Object.fromEntries(
      filesUnder(content).map((file) => [file, readFileSync(join(content, file))]),
    ),
    env,
  );
}

/** Two builds' dist/ hold the same files, byte for byte. */
function expectSameFiles(a: TemporaryBuild, b: TemporaryBuild): void {
  const files = filesUnder(a.distDir);
  expect(files).toEqual(filesUnder(b.distDir));
  const differing = files.filter(
    (file) => !readFileSync(join(a.distDir, file)).equals(readFileSync(join(b.distDir, file))),
  );
  expect(differing).toEqual([]);
}

/** The site's text files (pages, feeds, sitemaps) that mention `text`. */
function filesMentioning(root: string, text: string): string[] {
  return filesUnder(root)
    .filter((file) => /\.(html|xml|txt|json)$/.test(file))
    .filter((file) => readFileSync(join(root, file), 'utf8').includes(text));
}

/** The pages a build's log says it copied from the build before. */
function pagesCopied(build: TemporaryBuild): string[] {
  return [...build.output.matchAll(/├─ (\S+) \((?:restored|cached)\)/g)].map(([, page]) => page!);
}

/**
 * The pages a build's log says it rendered (Astro logs each page it renders with its time, each
 * it copies with "(restored)" or "(cached)"). That the two lists together name every page the
 * build made (`built`: `checkedFiles` of its dist/, taken right after it) is checked, so a
 * change in Astro's log fails here rather than finding nothing.
 */
function pagesRendered(build: TemporaryBuild, built: Map<string, string>): string[] {
  const rendered = [...build.output.matchAll(/├─ (\S+) \(\+[^)]*\)/g)].map(([, page]) => page!);
  const logged = new Set([...rendered, ...pagesCopied(build)]);
  const pages = [...built.keys()].filter((file) => file.endsWith('.html'));
  expect(pages.filter((file) => !logged.has(`/${file}`))).toEqual([]);
  return rendered.sort();
}

/** Pages without a cacheKey, which Astro renders on every build. */
const renderedEveryBuild = ['/404.html', '/robots.txt', '/rss.xml', '/search/index.html'];

/** What the link check's line of a build's log says it parsed, took from its cache, and read. */
function linksChecked(build: TemporaryBuild): { parsed: number; cached: number } {
  const [, parsed, cached] =
    /\[link-integrity\] .*?(\d+) files parsed, (\d+) scans from the cache/.exec(build.output) ?? [];
  return { parsed: Number(parsed), cached: Number(cached) };
}

const filesReadByLinkCheck = (build: TemporaryBuild) =>
  Number(/\[link-integrity\] .*?, (\d+) files read/.exec(build.output)?.[1]);

/** A digest of each file the link check reads (pages, feeds, sitemaps) in a build's dist/. */
function checkedFiles(build: TemporaryBuild): Map<string, string> {
  return new Map(
    filesUnder(build.distDir)
      .filter((file) => /\.(html|xml)$/.test(file) && !file.startsWith('pagefind/'))
      .map((file) => [
        file,
        createHash('sha256')
          .update(readFileSync(join(build.distDir, file)))
          .digest('hex'),
      ]),
  );
}

/** The files of `after` that `before` did not have, or had with other bytes. */
function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([file, digest]) => before.get(file) !== digest).map(([file]) => file);
}

/** What the search index's line of a build's log says it parsed and copied. */
function searchIndexed(build: TemporaryBuild): {
  parts: number;
  read: number;
  parsed: number;
  copied: number;
} {
  const [, parts, read, parsed, copied] =
    /indexed \d+ articles in (\d+) parts of up to \d+ \((\d+) pages read, (\d+) parsed, (\d+) parts copied/.exec(
      build.output,
    ) ?? [];
  return {
    parts: Number(parts),
    read: Number(read),
    parsed: Number(parsed),
    copied: Number(copied),
  };
}

/** What the sitemap's times line of a build's log says: article pages, and of them read. */
function lastmodTimes(build: TemporaryBuild): { pages: number; read: number } {
  const [, pages, read] =
    /\[sitemap-lastmod\] times of (\d+) article pages, (\d+) of them read/.exec(build.output) ?? [];
  return { pages: Number(pages), read: Number(read) };
}

/** What the articles' loader's line of a build's log says it took unread, read, and rendered. */
function articlesLoaded(build: TemporaryBuild): { unread: number; read: number; changed: number } {
  const [, unread, read, changed] =
    /(\d+) unchanged by their files' stamps, (\d+) read, (\d+) of them changed/.exec(
      build.output,
    ) ?? [];
  return { unread: Number(unread), read: Number(read), changed: Number(changed) };
}

const text = (build: TemporaryBuild, file: string) =>
  readFileSync(join(build.distDir, file), 'utf8');

/** Small parts, so that a publish leaves most of the index as it was. */
const smallParts = { SEARCH_PART_SIZE: '10' };

beforeAll(async () => {
  cold = await buildTemporarySite(archiveFiles(ARTICLES), smallParts);
  expect(cold.exitCode, cold.output).toBe(0);
  const content = cold.contentDir;
  // A correction, a new article (with a tag and an author no article had), a rename, a deletion.
  const editedFile = join(content, edited.file);
  const source = readFileSync(editedFile, 'utf8');
  expect(source).toContain(correctedParagraph(10));
  writeFileSync(editedFile, source.replace(correctedParagraph(10), correction));
  writeFileSync(
    join(content, added.file),
    archiveArticle(ARTICLES + 1, addedTitle)
      .replace(/^byline: .*$/m, 'byline: Noor Haddad')
      .replace(/^tags:\n/m, 'tags:\n  - Ceasefire\n'),
  );
  renameSync(join(content, renamed.from), join(content, renamed.to));
  rmSync(join(content, deleted.file));
  articleFilesBefore = new Map(
    filesUnder(join(cold.distDir, 'articles')).map((file) => [
      `/articles/${file}`,
      {
        identity: fileIdentity(join(cold.distDir, 'articles', file)),
        bytes: readFileSync(join(cold.distDir, 'articles', file)),
      },
    ]),
  );
  // A file no build makes (an old bundle, say): gone after the rebuild, which leaves pages only.
  writeFileSync(join(cold.distDir, '_astro', 'left-over.js'), '');
  warm = await buildAgain(cold, smallParts);
  expect(warm.exitCode, warm.output).toBe(0);
  // The same content, built from nothing.
  coldAgain = await coldBuildOf(cold, smallParts);
  expect(coldAgain.exitCode, coldAgain.output).toBe(0);
}, 900_000);

describe('a warm rebuild after an edit, an addition, a rename and a deletion', () => {
  it('copies the untouched pages from the build before and renders the changed ones', () => {
    const copied = pagesCopied(warm);
    const copiedArticles = copied.filter((page) => page.startsWith('/articles/'));
    // Every article but the edited, added and renamed ones (the deleted one is gone).
    expect(copiedArticles).toHaveLength(ARTICLES - 3);
    for (const path of [edited.path, added.path, 'articles/dispatch-twenty/']) {
      expect(copied).not.toContain(`/${path}index.html`);
    }
    // A list that shows none of the changed articles is copied; the front page is not.
    expect(copied).toContain('/tags/aid/index.html');
    expect(copied).not.toContain('/index.html');
    // The cold build copied nothing: it had no build before it.
    expect(pagesCopied(cold)).toEqual([]);
  });

  it('leaves each page it keeps in place, so that a page file’s stamp tells an unchanged page', () => {
    // Astro 7.3 keeps a page that is already in dist/ where it is, when Vite's emptyOutDir is
    // false (src/integrations/kept-output.ts). Should it write kept pages anew one day, this
    // fails: the search index, the link check and the link report would still be right, but
    // would read every page again, as they did before.
    const copied = pagesCopied(warm).filter((page) => page.startsWith('/articles/'));
    expect(copied.length).toBeGreaterThan(0);
    for (const page of copied) {
      const before = articleFilesBefore.get(page)!;
      expect(readFileSync(join(warm.distDir, page)).equals(before.bytes), page).toBe(true);
      expect(fileIdentity(join(warm.distDir, page)), page).toBe(before.identity);
    }
    expect(warm.output).toMatch(/\[kept-output\] \d+ pages of the last build left in place/);
  });

  it('reads no page for search that it left in place', () => {
    expect(searchIndexed(warm).read).toBeLessThan(ARTICLES / 2);
  });

  it('parses for search only the pages that changed', () => {
    expect(searchIndexed(cold).copied).toBe(0);
    // The changed articles and the lists that show them; the other article pages are not read
    // into records again.
    expect(searchIndexed(warm).parsed).toBeGreaterThan(0);
    expect(searchIndexed(warm).parsed).toBeLessThan(searchIndexed(cold).parsed / 2);
  });

  it('reads for the sitemap’s times only the article pages that it did not leave in place', () => {
    const articlePages = filesUnder(join(warm.distDir, 'articles')).filter((file) =>
      file.endsWith('index.html'),
    ).length;
    expect(lastmodTimes(cold)).toEqual({ pages: ARTICLES, read: ARTICLES });
    expect(lastmodTimes(warm).pages).toBe(articlePages);
    // The edited, the added and the renamed article.
    expect(lastmodTimes(warm).read).toBe(3);
  });

  it('gives the same dist/, byte for byte, as a cold build of the same content', () => {
    expectSameFiles(warm, coldAgain);
  });

  it('shows the correction on the article page', () => {
    const page = text(warm, `${edited.path}index.html`);
    expect(page).toContain(correction);
    expect(page).not.toContain(correctedParagraph(10));
  });

  it('lists the new article everywhere it belongs', () => {
    expect(existsSync(join(warm.distDir, added.path, 'index.html'))).toBe(true);
    const listing = filesMentioning(warm.distDir, `/${added.path}`);
    for (const file of [
      'index.html',
      'tags/ceasefire/index.html',
      `tags/${tagSlugsOf(ARTICLES + 1)[0]}/index.html`,
      'authors/noor-haddad/index.html',
      'rss.xml',
      'sitemap-0.xml',
    ]) {
      expect(listing).toContain(file);
    }
    // The newest article leads the front page.
    expect(text(warm, 'index.html')).toContain(addedTitle);
  });

  it('drops the deleted and the renamed article from every page, feed and sitemap', () => {
    for (const gone of ['/articles/dispatch-30/', '/articles/dispatch-20/']) {
      expect(filesMentioning(warm.distDir, gone)).toEqual([]);
    }
    expect(filesMentioning(warm.distDir, deleted.title)).toEqual([]);
    expect(existsSync(join(warm.distDir, 'articles/dispatch-30'))).toBe(false);
    expect(existsSync(join(warm.distDir, 'articles/dispatch-20'))).toBe(false);
    // The renamed article lives on at its new address, listed where it was.
    expect(filesMentioning(warm.distDir, '/articles/dispatch-twenty/')).toContain(
      `authors/${authorSlugOf(20)}/index.html`,
    );
  });

  it('prunes the deleted pages from the incremental cache', () => {
    const cache = join(dirname(warm.contentDir), 'cache', 'dist');
    expect(existsSync(join(cache, 'articles/dispatch-30/index.html'))).toBe(false);
    expect(existsSync(join(cache, 'articles/dispatch-20/index.html'))).toBe(false);
    expect(existsSync(join(cache, 'articles/dispatch-twenty/index.html'))).toBe(true);
  });
});

/** The tag page slugs of fixture article `n`. */
function tagSlugsOf(n: number): string[] {
  return [...archiveArticle(n).matchAll(/^ {2}- (.*)$/gm)].map(([, tag]) => tag!.toLowerCase());
}

/** The author page slug of fixture article `n` (see archive-fixture.ts). */
function authorSlugOf(n: number): string {
  const byline = /^byline: (.*)$/m.exec(archiveArticle(n))![1]!;
  return byline.toLowerCase().replace(/ /g, '-');
}

describe('a warm rebuild after the glossary changed', () => {
  let before: TemporaryBuild;
  let after: TemporaryBuild;
  let fresh: TemporaryBuild;
  /** An article page as the first build made it (the rebuild writes into the same folder). */
  let namedBefore: string;
  const stoltenberg = /^jens-stoltenberg:\n(?: {2}.*\n)+/m;

  beforeAll(async () => {
    before = await buildTemporarySite(archiveFiles(5));
    expect(before.exitCode, before.output).toBe(0);
    namedBefore = text(before, 'articles/dispatch-1/index.html');
    // Every article names Stoltenberg; once he is out of the glossary, no article lists him.
    const glossaryFile = join(before.contentDir, 'glossary.yaml');
    const glossary = readFileSync(glossaryFile, 'utf8');
    expect(glossary).toMatch(stoltenberg);
    writeFileSync(glossaryFile, glossary.replace(stoltenberg, ''));
    after = await buildAgain(before);
    expect(after.exitCode, after.output).toBe(0);
    fresh = await coldBuildOf(before);
    expect(fresh.exitCode, fresh.output).toBe(0);
  }, 600_000);

  it('renders every article again, and gives what a cold build gives', () => {
    expect(namedBefore).toContain('Jens Stoltenberg');
    expect(text(after, 'articles/dispatch-1/index.html')).not.toContain('Jens Stoltenberg');
    expect(pagesCopied(after).filter((page) => page.startsWith('/articles/'))).toEqual([]);
    expectSameFiles(after, fresh);
  });
});

describe('a publish: one new article and one correction, with the index in parts', () => {
  let before: TemporaryBuild;
  let after: TemporaryBuild;
  let fresh: TemporaryBuild;
  const parts = { SEARCH_PART_SIZE: '10' };
  const stillToWriteLine = /dispatch-7\.md: still to write \(marked \[TO WRITE\]\): the body/;

  beforeAll(async () => {
    // 30 articles in three parts of 10; the 31st is the newest and starts a fourth part.
    // Article 7 is not finished.
    const files = archiveFiles(30);
    files['articles/dispatch-7.md'] += `\n${STILL_TO_WRITE} The talks' second day.\n`;
    before = await buildTemporarySite(files, parts);
    expect(before.exitCode, before.output).toBe(0);
    const content = before.contentDir;
    const oldest = join(content, 'articles/dispatch-3.md');
    writeFileSync(oldest, readFileSync(oldest, 'utf8').replace(correctedParagraph(3), correction));
    writeFileSync(join(content, 'articles/dispatch-31.md'), archiveArticle(31));
    // Along with them, in the same (first) part: article 5 corrected by an edit that keeps its
    // size; article 6 the same, with its old modification time put back (as `tar -x` or
    // `touch -d` would); article 8 touched, its text unchanged.
    const sameSize = (n: number) => {
      const file = join(content, `articles/dispatch-${n}.md`);
      const source = readFileSync(file, 'utf8');
      const edited = source.replace('Kyiv', 'Kiev');
      expect(edited).not.toBe(source);
      expect(edited.length).toBe(source.length);
      const { atime, mtime } = statSync(file);
      writeFileSync(file, edited);
      return { file, atime, mtime };
    };
    sameSize(5);
    const sixth = sameSize(6);
    utimesSync(sixth.file, sixth.atime, sixth.mtime);
    const eighth = join(content, 'articles/dispatch-8.md');
    const later = new Date(statSync(eighth).mtimeMs + 60_000);
    utimesSync(eighth, later, later);
    after = await buildAgain(before, parts);
    expect(after.exitCode, after.output).toBe(0);
    fresh = await coldBuildOf(before, parts);
    expect(fresh.exitCode, fresh.output).toBe(0);
  }, 600_000);

  it('indexes again only the corrected article’s part and the new one, and copies the others', () => {
    expect(searchIndexed(before)).toMatchObject({ parts: 3, copied: 0 });
    // Parts 2 and 3 (articles 11 to 30) are as they were.
    expect(searchIndexed(after)).toMatchObject({ parts: 4, copied: 2 });
  });

  it('gives the index and every page a cold build gives', () => {
    expectSameFiles(after, fresh);
  });

  it('reads every article file on a cold build, and on a warm one only those whose stamp changed', () => {
    expect(articlesLoaded(before)).toEqual({ unread: 0, read: 30, changed: 30 });
    // Articles 3, 5, 6, 8 and 31 are read; all but 8 (the same digest) are rendered again.
    expect(articlesLoaded(after)).toEqual({ unread: 26, read: 5, changed: 4 });
    expect(articlesLoaded(fresh)).toEqual({ unread: 0, read: 31, changed: 31 });
  });

  it('shows both edits that kept the size, and the touched article as it was', () => {
    for (const n of [5, 6]) {
      expect(text(after, `articles/dispatch-${n}/index.html`)).toContain('reporters in Kiev');
    }
    expect(text(after, 'articles/dispatch-8/index.html')).toContain('reporters in Kyiv');
  });

  it('still says, on every build, what an article taken unread has still to write', () => {
    expect(before.output).toMatch(stillToWriteLine);
    expect(after.output).toMatch(stillToWriteLine);
  });
});

describe('a rebuild after the postings limit changed', () => {
  // 20 articles in four parts of 5. The limit grows as an archive does (`postingsFor`); here it
  // is set, to grow without 25,000 articles.
  const limit = (postings: number) => ({
    SEARCH_PART_SIZE: '5',
    SEARCH_POSTINGS: String(postings),
  });
  let before: TemporaryBuild;
  let nextStep: TemporaryBuild;
  let beyond: TemporaryBuild;
  let again: TemporaryBuild;
  let fresh: TemporaryBuild;
  /** The word directory's postings as the first build wrote them (the rebuilds write over it). */
  let postingsBefore: string;
  const postingsOf = (build: TemporaryBuild) => {
    const dir = join(build.distDir, 'search', 'words', 'postings');
    return filesUnder(dir)
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('');
  };
  const manifest = (build: TemporaryBuild) =>
    JSON.parse(text(build, 'search/parts.json')) as { postings: number };

  beforeAll(async () => {
    // A word four articles hold, one in each part: postings with a limit of 5, not of 1 or 2.
    const files = archiveFiles(20);
    for (const n of [3, 8, 13, 18]) files[`articles/dispatch-${n}.md`] += '\nA hydrofoil docked.\n';
    before = await buildTemporarySite(files, limit(1));
    expect(before.exitCode, before.output).toBe(0);
    expect(manifest(before).postings).toBe(1);
    postingsBefore = postingsOf(before);
    nextStep = await buildAgain(before, limit(2));
    expect(nextStep.exitCode, nextStep.output).toBe(0);
    beyond = await buildAgain(before, limit(5));
    expect(beyond.exitCode, beyond.output).toBe(0);
    again = await buildAgain(before, limit(5));
    expect(again.exitCode, again.output).toBe(0);
    fresh = await coldBuildOf(before, limit(5));
    expect(fresh.exitCode, fresh.output).toBe(0);
  }, 600_000);

  it('copies every part: a summary kept for one limit serves the next step up', () => {
    expect(searchIndexed(before)).toMatchObject({ parts: 4, copied: 0 });
    expect(searchIndexed(nextStep)).toMatchObject({ parts: 4, copied: 4 });
    expect(nextStep.output).not.toMatch(/counted again/);
  });

  it('counts the parts again from their records beyond it, without indexing them again, once', () => {
    expect(searchIndexed(beyond)).toMatchObject({ parts: 4, copied: 4 });
    expect(beyond.output).toMatch(/4 parts copied from the last build, 4 of them counted again/);
    expect(searchIndexed(again)).toMatchObject({ parts: 4, copied: 4 });
    expect(again.output).not.toMatch(/counted again/);
  });

  it('gives the index a cold build with the new limit gives', () => {
    expect(manifest(again).postings).toBe(5);
    expect(postingsBefore).not.toMatch(/^hydrofoil\t/m);
    expect(postingsOf(again)).toMatch(/^hydrofoil\t(?:[^,\n]+,){3}[^,\n]+$/m);
    expectSameFiles(again, fresh);
  });
});

describe('publishing into an archive whose lists run to several pages', () => {
  const retitled = 'Dispatch seven, retitled';
  // 60 articles: the front page and "Ukraine" (every article) have numbered pages 1 and 2, full;
  // "Europe" (every second) fits on its first page. Then article 61, then 62.
  let before: TemporaryBuild;
  let first: TemporaryBuild;
  let second: TemporaryBuild;
  let fresh: TemporaryBuild;
  let filesBefore: Map<string, string>;
  let filesAfterFirst: Map<string, string>;
  let filesAfterSecond: Map<string, string>;

  beforeAll(async () => {
    before = await buildTemporarySite(archiveFiles(60));
    expect(before.exitCode, before.output).toBe(0);
    filesBefore = checkedFiles(before);
    writeFileSync(join(before.contentDir, 'articles/dispatch-61.md'), archiveArticle(61));
    first = await buildAgain(before);
    expect(first.exitCode, first.output).toBe(0);
    filesAfterFirst = checkedFiles(first);
    writeFileSync(join(before.contentDir, 'articles/dispatch-62.md'), archiveArticle(62));
    // With it, a correction to the text of article 5 and a new title for article 7.
    const fifth = join(before.contentDir, 'articles/dispatch-5.md');
    writeFileSync(fifth, readFileSync(fifth, 'utf8').replace(correctedParagraph(5), correction));
    const seventh = join(before.contentDir, 'articles/dispatch-7.md');
    writeFileSync(
      seventh,
      readFileSync(seventh, 'utf8').replace(/^title: .*$/m, `title: ${retitled}`),
    );
    second = await buildAgain(before);
    expect(second.exitCode, second.output).toBe(0);
    filesAfterSecond = checkedFiles(second);
    fresh = await coldBuildOf(before);
    expect(fresh.exitCode, fresh.output).toBe(0);
  }, 900_000);

  it('renders, of the lists, only their first pages, the newest numbered page and the one before it when a page starts', () => {
    // Article 61 (Ukraine, by Sam Tester) starts numbered page 3 of the front page and of
    // "Ukraine"; page 2's "newer" link now goes to it. Page 1 is copied.
    expect(pagesRendered(first, filesAfterFirst)).toEqual(
      [
        ...renderedEveryBuild,
        '/articles/dispatch-61/index.html',
        '/authors/sam-tester/index.html',
        '/index.html',
        '/page/2/index.html',
        '/page/3/index.html',
        '/tags/ukraine/index.html',
        '/tags/ukraine/page/2/index.html',
        '/tags/ukraine/page/3/index.html',
      ].sort(),
    );
    // The archive feed of articles 1 to 50 is full: it stays as it was.
    expect(pagesCopied(first)).toEqual(
      expect.arrayContaining([
        '/page/1/index.html',
        '/tags/ukraine/page/1/index.html',
        '/rss/archive/1.xml',
      ]),
    );
  });

  it('renders only the first pages and the newest numbered page when no page starts, and the lists that show a new title', () => {
    // Article 62 (Ukraine, Europe, by Jens Stoltenberg Jr) joins page 3; "Europe" grows past
    // one page, so its numbered pages 1 and 2 appear. Article 7's new title (Ukraine, Markets,
    // by Sam Tester) shows on page 1 of the front page's list and of "Ukraine", on "Markets"
    // and on Sam Tester's page. Article 5's corrected text shows on no list: "Diplomacy", which
    // holds it, is copied.
    expect(pagesRendered(second, filesAfterSecond)).toEqual(
      [
        ...renderedEveryBuild,
        '/articles/dispatch-5/index.html',
        '/articles/dispatch-62/index.html',
        '/articles/dispatch-7/index.html',
        '/authors/jens-stoltenberg-jr/index.html',
        '/authors/sam-tester/index.html',
        '/index.html',
        '/page/1/index.html',
        '/page/3/index.html',
        // The archive feed of articles 1 to 50 carries their full text: it is made again.
        '/rss/archive/1.xml',
        '/tags/europe/index.html',
        '/tags/europe/page/1/index.html',
        '/tags/europe/page/2/index.html',
        '/tags/markets/index.html',
        '/tags/ukraine/index.html',
        '/tags/ukraine/page/1/index.html',
        '/tags/ukraine/page/3/index.html',
      ].sort(),
    );
    expect(pagesCopied(second)).toEqual(
      expect.arrayContaining(['/page/2/index.html', '/tags/diplomacy/index.html']),
    );
    expect(text(second, 'page/1/index.html')).toContain(retitled);
  });

  it('parses for the link check exactly the files whose bytes changed', () => {
    expect(linksChecked(before)).toEqual({ parsed: filesBefore.size, cached: 0 });
    const changedFirst = changedFiles(filesBefore, filesAfterFirst);
    expect(linksChecked(first)).toEqual({
      parsed: changedFirst.length,
      cached: filesAfterFirst.size - changedFirst.length,
    });
    const changedSecond = changedFiles(filesAfterFirst, filesAfterSecond);
    expect(linksChecked(second)).toEqual({
      parsed: changedSecond.length,
      cached: filesAfterSecond.size - changedSecond.length,
    });
    // A publish changes a few files of the many.
    expect(changedSecond.length).toBeLessThan(filesAfterSecond.size / 4);
    // A page whose scan is cached is not read again: the search index, just before, read it
    // and took its digest (built-files.ts). The feeds and sitemaps are read, and the pages to
    // parse, and a page written a moment before the search index read it.
    expect(filesReadByLinkCheck(before)).toBe(filesBefore.size);
    for (const [build, files] of [
      [first, filesAfterFirst],
      [second, filesAfterSecond],
    ] as const) {
      expect(filesReadByLinkCheck(build)).toBeGreaterThanOrEqual(linksChecked(build).parsed);
      expect(filesReadByLinkCheck(build)).toBeLessThan(files.size / 2);
    }
  });

  it('gives the same dist/, byte for byte, as a cold build of the same content', () => {
    expectSameFiles(second, fresh);
    // The sitemap lists every numbered page, whose addresses keep what they hold.
    const sitemap = text(second, 'sitemap-0.xml');
    for (const path of ['page/1/', 'page/3/', 'tags/europe/page/2/', 'tags/ukraine/page/3/']) {
      expect(sitemap).toContain(`<loc>https://dispatch.example/${path}</loc>`);
    }
  });
});

describe('a warm build after the target of a link elsewhere is removed', () => {
  // Article 1 links to a heading of article 2; article 1 itself never changes, so its page is
  // copied and its link check's scan comes from the cache.
  const link = '/articles/dispatch-2/#what-was-said';
  const problemLines = (build: TemporaryBuild) =>
    build.output.split('\n').filter((line) => /^\s+dist\//.test(line));
  let base: TemporaryBuild;
  let withoutAnchor: TemporaryBuild;
  let withoutAnchorCold: TemporaryBuild;
  let withoutPage: TemporaryBuild;
  let withoutPageCold: TemporaryBuild;

  beforeAll(async () => {
    const files = archiveFiles(5);
    files['articles/dispatch-1.md'] += `\nSee [what was said on day 2](${link}).\n`;
    base = await buildTemporarySite(files);
    expect(base.exitCode, base.output).toBe(0);
    const second = join(base.contentDir, 'articles/dispatch-2.md');
    writeFileSync(
      second,
      readFileSync(second, 'utf8').replace('## What was said', '## What the ministers said'),
    );
    withoutAnchor = await buildAgain(base);
    withoutAnchorCold = await coldBuildOf(base);
    rmSync(second);
    withoutPage = await buildAgain(base);
    withoutPageCold = await coldBuildOf(base);
  }, 900_000);

  it('fails when the anchor is gone, as a cold build does, with the same message', () => {
    expect(withoutAnchor.exitCode).not.toBe(0);
    expect(problemLines(withoutAnchor)).toEqual([
      `  dist/articles/dispatch-1/index.html: the link "${link}" points to no element with id "what-was-said" in dist/articles/dispatch-2/index.html`,
    ]);
    expect(withoutAnchorCold.exitCode).not.toBe(0);
    expect(problemLines(withoutAnchorCold)).toEqual(problemLines(withoutAnchor));
    // The page with the broken link was not parsed again: its scan is the cached one.
    expect(pagesCopied(withoutAnchor)).toContain('/articles/dispatch-1/index.html');
    expect(linksChecked(withoutAnchor).cached).toBeGreaterThan(0);
  });

  it('fails when the page is gone, as a cold build does, with the same message', () => {
    expect(withoutPage.exitCode).not.toBe(0);
    expect(problemLines(withoutPage)).toEqual([
      `  dist/articles/dispatch-1/index.html: the link "${link}" points to no page`,
    ]);
    expect(withoutPageCold.exitCode).not.toBe(0);
    expect(problemLines(withoutPageCold)).toEqual(problemLines(withoutPage));
    expect(linksChecked(withoutPage).cached).toBeGreaterThan(0);
  });
});

describe('a warm rebuild of an article with a picture in its text', () => {
  let first = '';
  let again: TemporaryBuild;
  const page = 'articles/pictured/index.html';
  const { frontmatter, body } = seedSource();

  beforeAll(async () => {
    // The seed article, with its bar chart in the text, and nothing else.
    const build = await buildTemporarySite({
      'articles/pictured.md': article(frontmatter, body),
      ...seedPictures(),
    });
    expect(build.exitCode, build.output).toBe(0);
    first = text(build, page);
    // Another site built meanwhile (a test, another archive): Astro's list of the content's
    // pictures is one file in the project's .astro/ folder, which that build writes too.
    const other = await buildTemporarySite({ 'articles/plain.md': archiveArticle(1) });
    expect(other.exitCode, other.output).toBe(0);
    // As after a change to the site's code: every page is rendered again, the articles are
    // taken from the content cache as they were.
    const cache = join(dirname(build.contentDir), 'cache');
    expect(existsSync(join(cache, 'incremental-build.json'))).toBe(true);
    rmSync(join(cache, 'incremental-build.json'));
    again = await buildAgain(build);
    expect(again.exitCode, again.output).toBe(0);
  }, 300_000);

  it('still shows the picture, processed, when the article is taken from the cache', () => {
    expect(pagesCopied(again)).toEqual([]);
    for (const html of [first, text(again, page)]) {
      expect(html).toContain('<img');
      expect(html).not.toContain('__ASTRO_IMAGE_');
      const src = /<img[^>]*\ssrc="([^"]+)"/.exec(html)?.[1] ?? '';
      expect(src).toMatch(/^\/_astro\/.+\.(webp|png|avif|jpe?g)$/);
      expect(existsSync(join(again.distDir, src))).toBe(true);
    }
    expect(text(again, page)).toBe(first);
  });
});
