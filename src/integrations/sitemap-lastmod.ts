import { closeSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { SitemapItem } from '@astrojs/sitemap';

/**
 * `lastmod` for the sitemap's article pages, from what each built page says of itself: its
 * `article:modified_time` (the last update, or the publication). @astrojs/sitemap serialises its
 * entries once the pages are written; `serialize` reads the page of each. Pages that are not
 * articles (front, sections, authors) say no time of their own and get no `lastmod`, which the
 * protocol allows, rather than a guess. Only each page's head is read: the sitemap is made
 * on every build, publish included, and an archive's pages are hundreds of megabytes.
 */
export function sitemapLastmod(): {
  integration: AstroIntegration;
  serialize: (item: SitemapItem) => SitemapItem;
} {
  let outDir: URL | undefined;
  let base = '/';
  return {
    integration: {
      name: 'sitemap-lastmod',
      hooks: {
        'astro:config:done': ({ config }) => {
          outDir = config.outDir;
          base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        },
        'astro:build:done': ({ dir }) => {
          outDir = dir;
        },
      },
    },
    serialize(item) {
      if (!outDir) return item;
      const path = new URL(item.url).pathname;
      // Only article pages say when they were modified.
      if (!path.startsWith(`${base}articles/`)) return item;
      const file = new URL(`${path.slice(base.length)}index.html`, outDir);
      let head: string;
      try {
        head = headOf(fileURLToPath(file));
      } catch {
        return item;
      }
      const modified = /<meta property="article:modified_time" content="([^"]+)"/.exec(head)?.[1];
      return modified ? { ...item, lastmod: modified } : item;
    },
  };
}

const HEAD_CHUNK = 16 * 1024;

/** The start of an HTML file up to its `</head>` (or all of it, if it has none). */
export function headOf(file: string): string {
  const handle = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    for (;;) {
      const chunk = Buffer.alloc(HEAD_CHUNK);
      const read = readSync(handle, chunk, 0, HEAD_CHUNK, null);
      chunks.push(chunk.subarray(0, read));
      // Whole chunks are decoded together, so a character cut between two reads is whole.
      const text = Buffer.concat(chunks).toString('utf8');
      if (read < HEAD_CHUNK || text.includes('</head>')) return text;
    }
  } finally {
    closeSync(handle);
  }
}
