import { readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { knownDigest, readDigested } from './built-files';
import { eachLimited } from './each-limited';
import { scanPage, scanXml, type PageScan } from './link-scan';
import { LinkScanCache, scanCodeDigest, type ScanKind } from './link-scan-cache';

export { scanPage, scanXml } from './link-scan';

export interface SiteLocation {
  /** The deployed site's origin and base, e.g. `https://example.org/news/`. */
  root: URL;
  /** Scans of earlier builds' files, to take instead of parsing a file whose bytes they match. */
  cache?: LinkScanCache | undefined;
}

export interface LinkIntegrity {
  /** HTML pages checked. */
  pages: number;
  problems: string[];
  /** Files (pages, feeds, sitemaps) parsed by this check, and those whose scan was cached. */
  parsed: number;
  cached: number;
  /**
   * Files this check read. A page the search index read in this build, unchanged since, is not
   * read again: its digest is known (`built-files.ts`).
   */
  read: number;
}

/**
 * Checks a built site: no page has two elements with one id, and every address of the site in
 * a page, feed or sitemap, with its `#fragment`, points at a file and an element that exist.
 * Returns the problems, each naming the file. With a `cache`, a file whose bytes were scanned
 * before is not parsed again, nor read if its digest is known from this build; the links of
 * every file are still checked against every other.
 */
export async function checkLinkIntegrity(
  distDir: string,
  { root, cache }: SiteLocation,
): Promise<LinkIntegrity> {
  const files = (await readdir(distDir, { recursive: true, encoding: 'utf8' })).map((file) =>
    file.split(sep).join('/'),
  );
  const fileSet = new Set(files);
  let parsed = 0;
  let cached = 0;
  let read = 0;
  const scanFile = async (file: string, kind: ScanKind): Promise<PageScan> => {
    const path = join(distDir, file);
    let bytes: Buffer | undefined;
    let digest = cache ? await knownDigest(path) : undefined;
    if (cache && digest === undefined) ({ bytes, digest } = await readDigested(path));
    const key = digest === undefined ? undefined : cache!.key(kind, digest);
    const known = key === undefined ? undefined : cache!.scan(key);
    if (bytes) read++;
    if (known) {
      cached++;
      return known;
    }
    if (!bytes) {
      bytes = await readFile(path);
      read++;
    }
    parsed++;
    const scan = (kind === 'html' ? scanPage : scanXml)(bytes.toString('utf8'));
    if (key !== undefined) cache!.save(key, scan);
    return scan;
  };
  const pages = new Map<string, PageScan>();
  await eachLimited(
    files.filter((file) => file.endsWith('.html')),
    16,
    async (file) => void pages.set(file, await scanFile(file, 'html')),
  );
  // Feeds and sitemaps link to pages too; Pagefind's own files are not ours to check.
  const feeds = new Map<string, PageScan>();
  await eachLimited(
    files.filter((file) => file.endsWith('.xml') && !file.startsWith('pagefind/')),
    16,
    async (file) => void feeds.set(file, await scanFile(file, 'xml')),
  );

  const problems: string[] = [];
  const pageUrl = (file: string) => new URL(file.replace(/(^|\/)index\.html$/, '$1'), root);
  /** The built file a site path is served from, if any. */
  const fileFor = (pathname: string): string | undefined => {
    const path = decodeURIComponent(pathname.slice(root.pathname.length));
    return [path, `${path}index.html`, `${path}/index.html`].find((file) => fileSet.has(file));
  };

  /**
   * What is wrong with a link from a file at `base`, if anything. A link from the site's root
   * (`/tags/nato/`) means the same from every file, and most links are such, repeated on page
   * after page (the masthead, tags, related articles): each is resolved once a build.
   */
  const resolved = new Map<string, string | null>();
  const problemOf = (href: string, base: URL): string | null => {
    const key = /^\/(?!\/)/.test(href) ? href : `${base.href}\0${href}`;
    let problem = resolved.get(key);
    if (problem === undefined) {
      problem = resolve(href, base);
      resolved.set(key, problem);
    }
    return problem;
  };
  const resolve = (href: string, base: URL): string | null => {
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      return `the link "${href}" is not a valid address`;
    }
    if (url.origin !== root.origin || !/^https?:$/.test(url.protocol)) return null;
    if (!url.pathname.startsWith(root.pathname)) {
      return `the link "${href}" leaves the site's base path ${root.pathname}`;
    }
    const target = fileFor(url.pathname);
    if (!target) return `the link "${href}" points to no page`;
    const fragment = decodeURIComponent(url.hash.slice(1)).split(':~:')[0]!;
    const targetPage = pages.get(target);
    if (fragment && targetPage && !targetPage.ids.has(fragment)) {
      return `the link "${href}" points to no element with id "${fragment}" in dist/${target}`;
    }
    return null;
  };

  for (const [file, scan] of [...pages, ...feeds].sort(([a], [b]) => a.localeCompare(b))) {
    for (const id of scan.duplicateIds)
      problems.push(`dist/${file}: two elements have the id "${id}"`);
    const base = pageUrl(file);
    for (const href of new Set(scan.links)) {
      // Most links of an article are to its own paragraphs: without a character that an
      // address would encode or drop, `#x` is the page's own id "x", as `new URL` would find.
      if (/^#\S+$/.test(href) && pages.get(file) === scan) {
        const fragment = decodeURIComponent(href.slice(1)).split(':~:')[0]!;
        if (fragment && !scan.ids.has(fragment)) {
          problems.push(
            `dist/${file}: the link "${href}" points to no element with id "${fragment}" in dist/${file}`,
          );
        }
        continue;
      }
      const problem = problemOf(href, base);
      if (problem !== null) problems.push(`dist/${file}: ${problem}`);
    }
  }
  return { pages: pages.size, problems, parsed, cached, read };
}

/**
 * Fails the build when `checkLinkIntegrity` finds a problem. Scans are kept in Astro's cache
 * folder (`link-scan-cache.ts`), so a publish parses only the files it changed.
 */
export default function linkIntegrity(): AstroIntegration {
  let root: URL;
  let cacheDir = '';
  let codeDigest: string | undefined;
  return {
    name: 'link-integrity',
    hooks: {
      'astro:config:done': ({ config }) => {
        const base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        root = new URL(base, config.site ?? 'http://localhost/');
        cacheDir = join(fileURLToPath(config.cacheDir), 'link-integrity');
        codeDigest = scanCodeDigest(config.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const distDir = fileURLToPath(dir);
        const cache = codeDigest ? await LinkScanCache.open(cacheDir, codeDigest) : undefined;
        const { pages, problems, parsed, cached, read } = await checkLinkIntegrity(distDir, {
          root,
          cache,
        });
        await cache?.write();
        const scanned = `${parsed} files parsed, ${cached} scans from the cache, ${read} files read`;
        if (problems.length > 0) {
          logger.info(`${pages} pages checked (${scanned})`);
          const shown = problems.slice(0, 50).join('\n  ');
          const more = problems.length > 50 ? `\n  ...and ${problems.length - 50} more` : '';
          throw new Error(
            `Broken ids or links in the built site (${relative(process.cwd(), distDir)}):\n  ${shown}${more}`,
          );
        }
        logger.info(
          `${pages} pages: every id unique, every link within the site resolves (feeds and sitemaps too); ${scanned}`,
        );
      },
    },
  };
}
