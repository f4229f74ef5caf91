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

/** Reads a page's ids and the addresses it links to (a, area and link elements). */
export function scanPage(html: string): PageScan {
  const scan: PageScan = { ids: new Set(), duplicateIds: new Set(), links: [] };
  const parser = new Parser({
    onopentag(name, attributes) {
      const id = attributes['id'];
      if (id !== undefined) {
        if (scan.ids.has(id)) scan.duplicateIds.add(id);
        scan.ids.add(id);
      }
      const href = attributes['href'];
      if (href !== undefined && (name === 'a' || name === 'area' || name === 'link')) {
        scan.links.push(href);
      }
    },
  });
  parser.end(html);
  return scan;
}

export interface SiteLocation {
  /** The deployed site's origin and base, e.g. `https://example.org/news/`. */
  root: URL;
}

/**
 * Checks a built site: no page has two elements with one id, and every link to a page of the
 * site, with its `#fragment`, points at a file and an element that exist. Returns the problems,
 * each naming the file.
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

  const problems: string[] = [];
  const pageUrl = (file: string) => new URL(file.replace(/(^|\/)index\.html$/, '$1'), root);
  /** The built file a site path is served from, if any. */
  const fileFor = (pathname: string): string | undefined => {
    const path = decodeURIComponent(pathname.slice(root.pathname.length));
    return [path, `${path}index.html`, `${path}/index.html`].find((file) => fileSet.has(file));
  };

  for (const [file, scan] of [...pages].sort(([a], [b]) => a.localeCompare(b))) {
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
        logger.info(`${pages} pages: every id unique, every link within the site resolves`);
      },
    },
  };
}
