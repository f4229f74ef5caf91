/**
 * The build peer: a bare Astro 7 site over the same corpus, written by the bench into its
 * temporary folder. One content collection (Astro's glob loader, no schema), one page per
 * article rendering its `<Content />` under its title, no integrations, no plugins. Two
 * variants: Astro's unified Markdown processor without plugins (the processor the site builds
 * on) and Astro's default, Sätteri. It uses the project's own node_modules (a symlink), so the
 * versions are the site's.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBuild, type BuildRun } from './build.ts';

export type BareProcessor = 'unified' | 'satteri';

const configs: Record<BareProcessor, string> = {
  unified: `import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';
export default defineConfig({
  cacheDir: process.env.CACHE_DIR,
  markdown: { processor: unified() },
});
`,
  satteri: `import { defineConfig } from 'astro/config';
export default defineConfig({ cacheDir: process.env.CACHE_DIR });
`,
};

const contentConfig = `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
const articles = defineCollection({
  loader: glob({ pattern: '**/*.md', base: process.env.CONTENT_DIR + '/articles' }),
});
export const collections = { articles };
`;

const page = `---
import { getCollection, render } from 'astro:content';
export async function getStaticPaths() {
  const articles = await getCollection('articles');
  return articles.map((entry) => ({ params: { slug: entry.id }, props: { entry } }));
}
const { entry } = Astro.props;
const { Content } = await render(entry);
---
<html lang="en">
  <head><meta charset="utf-8" /><title>{entry.data.title}</title></head>
  <body><article><h1>{entry.data.title}</h1><Content /></article></body>
</html>
`;

/** Writes the bare site into `dir` (once) and builds it cold over `contentDir`. */
export async function buildBareAstro(
  projectRoot: string,
  processor: BareProcessor,
  contentDir: string,
  dir: string,
): Promise<BuildRun> {
  mkdirSync(join(dir, 'src/pages/articles'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(join(dir, 'astro.config.mjs'), configs[processor]);
  writeFileSync(join(dir, 'src/content.config.ts'), contentConfig);
  writeFileSync(join(dir, 'src/pages/articles/[...slug].astro'), page);
  try {
    symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return runBuild({
    projectRoot: dir,
    contentDir,
    // Its own cache: Astro's default is under node_modules, the project's through the symlink.
    cacheDir: join(dir, 'cache'),
    outDir: join(dir, 'dist'),
    logFile: join(dir, 'build.log'),
  });
}
