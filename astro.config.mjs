// @ts-check
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import { contentDir, glossaryFile, site } from './src/site.ts';
import { parallelUnified } from './src/markdown/parallel-processor.ts';
import linkIntegrity from './src/integrations/link-integrity.ts';
import searchIndex from './src/integrations/search-index.ts';
import devSearch from './src/integrations/dev-search.ts';
import linkReport from './src/integrations/link-report.ts';
import { keptOutput } from './src/integrations/kept-output.ts';
import { sitemapLastmod } from './src/integrations/sitemap-lastmod.ts';
import { glossary } from './src/content/site-glossary.ts';

const lastmod = sitemapLastmod();
// Unchanged pages stay in dist/ from one build to the next, known by their stamps unread.
const kept = keptOutput();

/** Builds of another content folder (tests, benchmarks) keep their own content cache. */
const cacheDir =
  process.env['CACHE_DIR'] ??
  (resolve(contentDir) === resolve('./content')
    ? undefined
    : `./node_modules/.astro/content-${createHash('sha256').update(resolve(contentDir)).digest('hex').slice(0, 12)}`);

export default defineConfig({
  site: site.url,
  base: site.base,
  trailingSlash: 'always',
  // Two articles that resolve to one address must fail the build, not overwrite each other.
  prerenderConflictBehavior: 'error',
  // The site's stylesheet is one file that every page shares, so the next page a reader opens
  // has it cached; what only some pages use (lists of articles) is small and inlined in them.
  build: { format: 'directory', inlineStylesheets: 'auto' },
  devToolbar: { enabled: false },
  experimental: {
    // Pages whose `cacheKey` (src/lib/page-keys.ts) and code are unchanged are copied from the
    // build before instead of rendered again.
    incrementalBuild: true,
  },
  ...(cacheDir ? { cacheDir } : {}),
  integrations: [
    // First: clears dist/ of what the build makes again, and then of the pages it no longer makes.
    kept.first,
    lastmod.integration,
    sitemap({
      filter: (page) => !/\/(404|search)\/?$/.test(new URL(page).pathname),
      serialize: lastmod.serialize,
    }),
    searchIndex({ glossary, language: site.language }),
    // Under `astro dev`: the same search over the content as it is now, and errors in the browser.
    devSearch({ glossary, language: site.language, glossaryFile }),
    linkIntegrity(),
    // Last: what this build did to readers' links, against the build before it (see the README).
    linkReport(),
    // Last of all: the ledger of the pages this build left.
    kept.last,
  ],
  security: {
    // A meta Content-Security-Policy on every page; Astro adds the hashes of what it inlines.
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      // Pagefind compiles its WebAssembly in the browser.
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'"] },
    },
  },
  markdown: {
    // Highlighters colour code with inline styles, which the Content-Security-Policy refuses.
    syntaxHighlight: false,
    // The unified processor runs remark and rehype plugins; Astro 7's default (Sätteri) runs none.
    // This one runs the plugins of src/markdown/pipeline.ts in worker threads, one per core.
    // Articles keep the publisher's characters exactly: no quote or dash rewriting.
    processor: parallelUnified({ smartypants: false }),
  },
});
