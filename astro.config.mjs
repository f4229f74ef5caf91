// @ts-check
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';
import { contentDir, site } from './src/site.ts';
import { rehypePlugins, remarkPlugins } from './src/markdown/pipeline.ts';
import linkIntegrity from './src/integrations/link-integrity.ts';
import searchIndex from './src/integrations/search-index.ts';
import { glossary } from './src/content/site-glossary.ts';

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
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  ...(cacheDir ? { cacheDir } : {}),
  integrations: [searchIndex({ glossary, language: site.language }), linkIntegrity()],
  markdown: {
    // The unified processor runs remark and rehype plugins; Astro 7's default (Sätteri) runs none.
    // Articles keep the publisher's characters exactly: no quote or dash rewriting.
    processor: unified({ smartypants: false, remarkPlugins, rehypePlugins }),
  },
});
