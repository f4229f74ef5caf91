// @ts-check
import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';
import rehypeSlug from 'rehype-slug';
import { site } from './src/site.ts';

export default defineConfig({
  site: site.url,
  base: site.base,
  trailingSlash: 'always',
  // Two articles that resolve to one address must fail the build, not overwrite each other.
  prerenderConflictBehavior: 'error',
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  markdown: {
    // The unified processor runs remark and rehype plugins; Astro 7's default (Sätteri) runs none.
    processor: unified({
      // Articles keep the publisher's characters exactly: no quote or dash rewriting.
      smartypants: false,
      rehypePlugins: [rehypeSlug],
    }),
  },
});
