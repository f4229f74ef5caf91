import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { SitemapItem } from '@astrojs/sitemap';

/**
 * `lastmod` for the sitemap's article pages, from what each built page says of itself: its
 * `article:modified_time` (the last update, or the publication). @astrojs/sitemap serialises its
 * entries once the pages are written; `serialize` reads the page of each. Pages that are not
 * articles (front, sections, authors) say no time of their own and get no `lastmod`, which the
 * protocol allows, rather than a guess.
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
      let html: string;
      try {
        html = readFileSync(fileURLToPath(file), 'utf8');
      } catch {
        return item;
      }
      const modified = /<meta property="article:modified_time" content="([^"]+)"/.exec(html)?.[1];
      return modified ? { ...item, lastmod: modified } : item;
    },
  };
}
