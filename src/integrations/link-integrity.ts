import { readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { Parser } from 'htmlparser2';
import { eachLimited } from './each-limited';

interface PageScan {
  ids: Set<string>;
  duplicateIds: Set<string>;
  links: string[];
}

/** Metadata whose `content` is an address of the site's own. */
const addressMeta = new Set(['og:url', 'og:image', 'twitter:image']);

/**
 * Reads a page's ids and every address it links to: `a`, `area` and `link` elements, where its
 * forms go (`action`) and its Open Graph address. Not what it loads (`src`): an article's
 * broken image is the author's to see, and sanitized hostile markup leaves such addresses.
 */
export function scanPage(html: string): PageScan {
  const scan: PageScan = { ids: new Set(), duplicateIds: new Set(), links: [] };
  const parser = new Parser({
    onopentag(name, attributes) {
      const id = attributes['id'];
      if (id !== undefined) {
        if (scan.ids.has(id)) scan.duplicateIds.add(id);
        scan.ids.add(id);
      }
      const add = (address: string | undefined) => {
        if (address !== undefined) scan.links.push(address);
      };
      if (name === 'a' || name === 'area' || name === 'link') add(attributes['href']);
      if (name === 'form') add(attributes['action']);
      if (name === 'meta' && addressMeta.has(attributes['property'] ?? attributes['name'] ?? ''))
        add(attributes['content']);
    },
  });
  parser.end(html);
  return scan;
}

/**
 * Reads the addresses of a feed or sitemap: `<link>`, `<loc>`, permalink `<guid>` and
 * `atom:link` elements. A feed has no ids to link to.
 */
export function scanXml(xml: string): PageScan {
  const scan: PageScan = { ids: new Set(), duplicateIds: new Set(), links: [] };
  let text: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'atom:link' && attributes['href']) scan.links.push(attributes['href']);
        const permalink = name === 'guid' && attributes['ispermalink'] !== 'false';
        text = name === 'link' || name === 'loc' || permalink ? '' : undefined;
      },
      ontext(chunk) {
        if (text !== undefined) text += chunk;
      },
      onclosetag() {
        if (text?.trim()) scan.links.push(text.trim());
        text = undefined;
      },
    },
    { xmlMode: true, lowerCaseAttributeNames: true, decodeEntities: true },
  );
  parser.end(xml);
  return scan;
}

export interface SiteLocation {
  /** The deployed site's origin and base, e.g. `https://example.org/news/`. */
  root: URL;
}

/**
 * Checks a built site: no page has two elements with one id, and every address of the site in
 * a page, feed or sitemap, with its `#fragment`, points at a file and an element that exist.
 * Returns the problems, each naming the file.
 */
export async function checkLinkIntegrity(
  distDir: string,
  { root }: SiteLocation,
): Promise<{ pages: number; problems: string[] }> {
  const files = (await readdir(distDir, { recursive: true, encoding: 'utf8' })).map((file) =>
    file.split(sep).join('/'),
  );
  const fileSet = new Set(files);
  const pages = new Map<string, PageScan>();
  await eachLimited(
    files.filter((file) => file.endsWith('.html')),
    16,
    async (file) => void pages.set(file, scanPage(await readFile(join(distDir, file), 'utf8'))),
  );
  // Feeds and sitemaps link to pages too; Pagefind's own files are not ours to check.
  const feeds = new Map<string, PageScan>();
  await eachLimited(
    files.filter((file) => file.endsWith('.xml') && !file.startsWith('pagefind/')),
    16,
    async (file) => void feeds.set(file, scanXml(await readFile(join(distDir, file), 'utf8'))),
  );

  const problems: string[] = [];
  const pageUrl = (file: string) => new URL(file.replace(/(^|\/)index\.html$/, '$1'), root);
  /** The built file a site path is served from, if any. */
  const fileFor = (pathname: string): string | undefined => {
    const path = decodeURIComponent(pathname.slice(root.pathname.length));
    return [path, `${path}index.html`, `${path}/index.html`].find((file) => fileSet.has(file));
  };

  for (const [file, scan] of [...pages, ...feeds].sort(([a], [b]) => a.localeCompare(b))) {
    for (const id of scan.duplicateIds)
      problems.push(`dist/${file}: two elements have the id "${id}"`);
    const base = pageUrl(file);
    for (const href of new Set(scan.links)) {
      let url: URL;
      try {
        url = new URL(href, base);
      } catch {
        problems.push(`dist/${file}: the link "${href}" is not a valid address`);
        continue;
      }
      if (url.origin !== root.origin || !/^https?:$/.test(url.protocol)) continue;
      if (!url.pathname.startsWith(root.pathname)) {
        problems.push(
          `dist/${file}: the link "${href}" leaves the site's base path ${root.pathname}`,
        );
        continue;
      }
      const target = fileFor(url.pathname);
      if (!target) {
        problems.push(`dist/${file}: the link "${href}" points to no page`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1)).split(':~:')[0]!;
      const targetPage = pages.get(target);
      if (fragment && targetPage && !targetPage.ids.has(fragment)) {
        problems.push(
          `dist/${file}: the link "${href}" points to no element with id "${fragment}" in dist/${target}`,
        );
      }
    }
  }
  return { pages: pages.size, problems };
}

/** Fails the build when `checkLinkIntegrity` finds a problem. */
export default function linkIntegrity(): AstroIntegration {
  let root: URL;
  return {
    name: 'link-integrity',
    hooks: {
      'astro:config:done': ({ config }) => {
        const base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        root = new URL(base, config.site ?? 'http://localhost/');
      },
      'astro:build:done': async ({ dir, logger }) => {
        const distDir = fileURLToPath(dir);
        const { pages, problems } = await checkLinkIntegrity(distDir, { root });
        if (problems.length > 0) {
          const shown = problems.slice(0, 50).join('\n  ');
          const more = problems.length > 50 ? `\n  ...and ${problems.length - 50} more` : '';
          throw new Error(
            `Broken ids or links in the built site (${relative(process.cwd(), distDir)}):\n  ${shown}${more}`,
          );
        }
        logger.info(
          `${pages} pages: every id unique, every link within the site resolves (feeds and sitemaps too)`,
        );
      },
    },
  };
}
