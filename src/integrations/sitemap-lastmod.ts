import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { SitemapItem } from '@astrojs/sitemap';
import { eachLimited } from './each-limited';
import { sourcesDigest } from '../markdown/local-sources';
import { stampOf } from './file-stamp';

/**
 * `lastmod` for the sitemap's article pages, from what each built page says of itself: its
 * `article:modified_time` (the last update, or the publication). Pages that are not articles
 * (front, sections, authors) say no time of their own and get no `lastmod`, which the protocol
 * allows, rather than a guess.
 *
 * The sitemap is made on every build, publish included, and @astrojs/sitemap calls `serialize`
 * for one entry after another. So the times are gathered before it runs (this integration's
 * `astro:build:done` comes before the sitemap's), many pages at once, and only each page's head
 * is read; a page whose stamp (`file-stamp.ts`) is the one it had when the last build read it is
 * not read at all: that build's time for it is kept in the cache folder.
 */
export function sitemapLastmod(): {
  integration: AstroIntegration;
  serialize: (item: SitemapItem) => Promise<SitemapItem>;
} {
  let outDir: URL | undefined;
  let base = '/';
  let cacheFile = '';
  /** Each article page's time by its file, gathered at `astro:build:done`. */
  let gathered = new Map<string, string | null>();
  /** The file of the page at `page` (relative to the base, ending in `/`). */
  const fileOf = (page: string) => fileURLToPath(new URL(`${page}index.html`, outDir));
  return {
    integration: {
      name: 'sitemap-lastmod',
      hooks: {
        'astro:config:done': ({ config }) => {
          outDir = config.outDir;
          base = config.base.endsWith('/') ? config.base : `${config.base}/`;
          cacheFile = join(fileURLToPath(config.cacheDir), 'sitemap-lastmod.json');
        },
        'astro:build:done': async ({ dir, pages, logger }) => {
          outDir = dir;
          const files = pages
            .map(({ pathname }) => pathname.replace(/^\/|\/?$/g, '') + '/')
            .filter((page) => page.startsWith('articles/'))
            .map(fileOf);
          const { times, read } = await modifiedTimes(files, cacheFile, codeDigest());
          gathered = times;
          logger.info(`times of ${times.size} article pages, ${read} of them read`);
        },
      },
    },
    async serialize(item) {
      if (!outDir) return item;
      const path = new URL(item.url).pathname;
      // Only article pages say when they were modified.
      if (!path.startsWith(`${base}articles/`)) return item;
      const file = fileOf(path.slice(base.length));
      let modified = gathered.get(file);
      if (modified === undefined) {
        try {
          modified = modifiedTimeIn(await readHead(file));
        } catch {
          return item;
        }
      }
      return modified ? { ...item, lastmod: modified } : item;
    },
  };
}

/** The `article:modified_time` a page's head says, if any. */
export function modifiedTimeIn(head: string): string | null {
  return /<meta property="article:modified_time" content="([^"]+)"/.exec(head)?.[1] ?? null;
}

/** A page's time as the cache keeps it: with the stamp its file had when it was read. */
type Kept = [stamp: string, modified: string | null];

interface StoredTimes {
  /** `codeDigest()` of the build that kept them. */
  code: string;
  pages: Record<string, Kept>;
}

/** A digest of this file (and what it imports): times kept by other code are not taken. */
function codeDigest(): string {
  const self = fileURLToPath(import.meta.url);
  return sourcesDigest([self], fileURLToPath(new URL('../', import.meta.url)));
}

/**
 * The time of each of `files` (those that can be read), from the cache in `cacheFile` where it
 * was kept by `code` and a file's stamp is the one kept with it, otherwise from its head; the
 * cache is then replaced.
 */
export async function modifiedTimes(
  files: readonly string[],
  cacheFile: string,
  code: string,
): Promise<{ times: Map<string, string | null>; read: number }> {
  let cached: Record<string, Kept> = {};
  try {
    const stored = JSON.parse(await readFile(cacheFile, 'utf8')) as StoredTimes;
    if (stored.code === code) cached = stored.pages;
  } catch {
    // No cache yet (or a broken one): every page is read.
  }
  const found: ({ kept: Kept; settled: boolean } | undefined)[] = new Array(files.length);
  let read = 0;
  await eachLimited([...files.keys()], 64, async (i) => {
    const file = files[i]!;
    // Taken before the read: a file changed after it is read again next time.
    const stamped = await stampOf(file);
    if (!stamped) return;
    let kept = Object.hasOwn(cached, file) ? cached[file] : undefined;
    if (kept?.[0] !== stamped.stamp) {
      read++;
      try {
        kept = [stamped.stamp, modifiedTimeIn(await readHead(file))];
      } catch {
        return;
      }
    }
    found[i] = { kept, settled: stamped.settled };
  });
  const times = new Map<string, string | null>();
  const pages: Record<string, Kept> = {};
  files.forEach((file, i) => {
    const entry = found[i];
    if (!entry) return;
    times.set(file, entry.kept[1]);
    if (entry.settled) pages[file] = entry.kept;
  });
  await mkdir(dirname(cacheFile), { recursive: true });
  await writeFile(cacheFile, JSON.stringify({ code, pages } satisfies StoredTimes));
  return { times, read };
}

const HEAD_CHUNK = 16 * 1024;

/**
 * Where `</head>` starts in `bytes`, searched from `from` back by the tag's length less one (it
 * may straddle two reads); the bytes are searched, not decoded.
 */
const headEnd = (bytes: Buffer, from: number) => bytes.indexOf('</head>', Math.max(0, from - 6));

/** The start of an HTML file up to its `</head>` (or all of it, if it has none). */
export async function readHead(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    let bytes = Buffer.alloc(0);
    for (;;) {
      const chunk = Buffer.alloc(HEAD_CHUNK);
      const { bytesRead: got } = await handle.read(chunk, 0, HEAD_CHUNK, null);
      const searchedTo = bytes.length;
      bytes = Buffer.concat([bytes, chunk.subarray(0, got)]);
      const end = headEnd(bytes, searchedTo);
      // Cut at an ASCII tag, so no character is split.
      if (end >= 0) return bytes.toString('utf8', 0, end + '</head>'.length);
      if (got < HEAD_CHUNK) return bytes.toString('utf8');
    }
  } finally {
    await handle.close();
  }
}
