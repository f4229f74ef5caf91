/**
 * Where the build's time goes, measured in this process on the same corpus and dist/:
 *
 * - Markdown: each article rendered through Astro's unified processor with no plugins, then with
 *   the site's plugins, each plugin's transformer timed on its own.
 * - Indexing: the search-index integration's steps (reading the built pages into records, then
 *   Pagefind adding them and writing the index), and the link-integrity check.
 *
 * The site's modules are imported from src/ as they are. They import each other without file
 * extensions (Vite resolves them in the build); a resolve hook does the same here.
 */
import { readFileSync, rmSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import yaml from 'js-yaml';
import type { Corpus } from './corpus.ts';

let hooked = false;

/** Lets `import './x'` inside src/ find `./x.ts`, as Vite does. */
function resolveSourceWithoutExtensions(projectRoot: string): void {
  if (hooked) return;
  hooked = true;
  const source = pathToFileURL(join(projectRoot, 'src')).href;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        if (
          /^\.\.?\//.test(specifier) &&
          !/\.[cm]?[jt]s$/.test(specifier) &&
          context.parentURL?.startsWith(source)
        ) {
          return nextResolve(`${specifier}.ts`, context);
        }
        throw error;
      }
    },
  });
}

type Transformer = (this: unknown, tree: unknown, file: unknown, next?: unknown) => unknown;
type Attacher = (this: unknown, ...options: unknown[]) => Transformer | undefined | void;
type PluginEntry = Attacher | [Attacher, ...unknown[]];

const pluginName = (attacher: Attacher) => attacher.name || 'anonymous plugin';

/** Wraps a unified plugin so the time its transformer takes is added to `totals[name]`. */
function timed(attacher: Attacher, totals: Map<string, number>): Attacher {
  const name = pluginName(attacher);
  totals.set(name, totals.get(name) ?? 0);
  return function (this: unknown, ...options: unknown[]) {
    const transformer = attacher.apply(this, options);
    // A transformer that takes a callback is called with three arguments: leave it untimed
    // rather than change how unified calls it.
    if (typeof transformer !== 'function' || transformer.length >= 3) return transformer;
    return function (this: unknown, tree: unknown, file: unknown) {
      const start = performance.now();
      const result = transformer.call(this, tree, file);
      const add = () => totals.set(name, totals.get(name)! + performance.now() - start);
      if (result instanceof Promise) return result.finally(add);
      add();
      return result;
    };
  };
}

export interface MarkdownBreakdown {
  articles: number;
  /** Astro's unified processor alone: parse, GFM, to HTML, heading ids, stringify. */
  baselineMs: number;
  /** The same with the site's remark and rehype plugins. */
  withPluginsMs: number;
  /** Time inside each of the site's plugins, in pipeline order. */
  plugins: { name: string; ms: number }[];
}

/** Renders up to `limit` articles of the corpus twice, without and with the plugins. */
export async function markdownBreakdown(
  projectRoot: string,
  corpus: Corpus,
  limit: number,
): Promise<MarkdownBreakdown> {
  resolveSourceWithoutExtensions(projectRoot);
  // src/site.ts reads the content folder (and so the glossary) from the environment on import.
  process.env['CONTENT_DIR'] = corpus.dir;
  const pipeline = (await import(
    pathToFileURL(join(projectRoot, 'src/markdown/pipeline.ts')).href
  )) as {
    remarkPlugins: PluginEntry[];
    rehypePlugins: PluginEntry[];
  };
  const { createMarkdownProcessor } = await import('@astrojs/markdown-remark');
  const totals = new Map<string, number>();
  const wrap = (entries: PluginEntry[]) =>
    entries.map((entry): PluginEntry =>
      Array.isArray(entry) ? [timed(entry[0], totals), ...entry.slice(1)] : timed(entry, totals),
    );
  const options = { smartypants: false, syntaxHighlight: false } as const;
  const baseline = await createMarkdownProcessor(options);
  const withPlugins = await createMarkdownProcessor({
    ...options,
    remarkPlugins: wrap(pipeline.remarkPlugins) as never,
    rehypePlugins: wrap(pipeline.rehypePlugins) as never,
  });

  const sources = corpus.articles.slice(0, limit).map(({ file }) => {
    const text = readFileSync(file, 'utf8');
    const end = text.indexOf('\n---\n', 4);
    return {
      fileURL: pathToFileURL(file),
      frontmatter: yaml.load(text.slice(4, end), { schema: yaml.CORE_SCHEMA }) as Record<
        string,
        unknown
      >,
      body: text.slice(end + 5),
    };
  });
  const run = async (renderer: typeof baseline) => {
    const start = performance.now();
    for (const { body, fileURL, frontmatter } of sources) {
      await renderer.render(body, { fileURL, frontmatter });
    }
    return performance.now() - start;
  };
  // One pass of each first, so neither side pays the JIT's warm-up alone.
  const warmUp = sources.splice(0, Math.min(50, Math.floor(sources.length / 10)));
  for (const { body, fileURL, frontmatter } of warmUp) {
    await baseline.render(body, { fileURL, frontmatter });
    await withPlugins.render(body, { fileURL, frontmatter });
  }
  for (const key of totals.keys()) totals.set(key, 0);
  const baselineMs = await run(baseline);
  const withPluginsMs = await run(withPlugins);
  return {
    articles: sources.length,
    baselineMs,
    withPluginsMs,
    plugins: [...totals].map(([name, ms]) => ({ name, ms })),
  };
}

export interface IndexingBreakdown {
  pages: number;
  records: number;
  /** `collectRecords` alone: read every built page, parse it, find names, make records. */
  collectMs: number;
  /**
   * Pagefind started, then `addRecords`: the same reading and parsing, each record sent to
   * Pagefind as it is made, until Pagefind has indexed the last.
   */
  addMs: number;
  /** Pagefind: `writeFiles`. */
  writeMs: number;
  /** `checkLinkIntegrity` over the whole dist/. */
  linkIntegrityMs: number;
}

/** Re-runs the build's last steps on a built dist/, each timed on its own. */
export async function indexingBreakdown(
  projectRoot: string,
  corpus: Corpus,
  distDir: string,
  scratchDir: string,
): Promise<IndexingBreakdown> {
  resolveSourceWithoutExtensions(projectRoot);
  process.env['CONTENT_DIR'] = corpus.dir;
  const module = (path: string) => import(pathToFileURL(join(projectRoot, path)).href);
  const searchIndex = (await module(
    'src/integrations/search-index.ts',
  )) as typeof import('../../src/integrations/search-index.ts');
  const { checkLinkIntegrity } = (await module(
    'src/integrations/link-integrity.ts',
  )) as typeof import('../../src/integrations/link-integrity.ts');
  const { glossary } = (await module(
    'src/content/site-glossary.ts',
  )) as typeof import('../../src/content/site-glossary.ts');
  const { site } = (await module('src/site.ts')) as typeof import('../../src/site.ts');
  const pagefind = await import('pagefind');
  const options = { glossary, language: site.language };

  let start = performance.now();
  const { records } = await searchIndex.collectRecords(distDir, glossary);
  const collectMs = performance.now() - start;

  start = performance.now();
  const index = await searchIndex.startIndex(site.language);
  const output = join(scratchDir, 'pagefind-breakdown');
  let writeMs = 0;
  let addMs = 0;
  try {
    await searchIndex.addRecords(index, distDir, options);
    addMs = performance.now() - start;
    start = performance.now();
    await index.writeFiles({ outputPath: output });
    writeMs = performance.now() - start;
  } finally {
    await pagefind.close();
    rmSync(output, { recursive: true, force: true });
  }

  start = performance.now();
  const { pages } = await checkLinkIntegrity(distDir, { root: new URL('/', site.url) });
  const linkIntegrityMs = performance.now() - start;
  return { pages, records: records.length, collectMs, addMs, writeMs, linkIntegrityMs };
}
