/**
 * `npm run bench`: builds synthetic corpora of 1,000, 5,000 and 20,000 articles and measures
 * the build (cold and warm time, memory, output size), search in Chromium and the weight of the
 * article page, then writes the results into BENCHMARKS.md. Not part of `npm test`.
 *
 *   npm run bench                       # 1,000, 5,000 and 20,000 articles
 *   npm run bench -- --sizes 1000       # quick run, under two minutes
 *   npm run bench -- --help             # every flag
 *
 * Everything it generates goes into one temporary folder (os.tmpdir()), removed at the end
 * unless --keep.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { launchBrowser } from '../support/browser.ts';
import { serveStatic } from '../support/server.ts';
import { indexingBreakdown, markdownBreakdown } from './breakdown.ts';
import {
  benchQueries,
  coldSearch,
  pageWeight,
  searchPageLoad,
  warmSearches,
  type ColdSearch,
} from './browser.ts';
import { folderSize, runBuild, type BuildRun } from './build.ts';
import { readCorpus, writeCorpus, type Corpus } from './corpus.ts';
import { mainProfile, summariseProfile } from './profile.ts';
import {
  quantile,
  renderResults,
  updateDocument,
  type BenchResults,
  type BreakdownResult,
  type Environment,
  type SearchResult,
  type SizeResult,
} from './report.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

const usage = `Usage: npm run bench -- [options]

  --sizes 1000,5000,20000  corpus sizes to build (default: 1000,5000,20000)
  --content DIR            instead of generated corpora, measure an existing content folder
                           (e.g. --content content: the site's own articles); prints the
                           results and writes them only with --out
  --search-size N          which size to run the browser measurements on (default: 5000 if
                           built, else the largest size built below it, else the smallest)
  --runs N                 first-search runs per query, each in a fresh profile (default: 3)
  --seed TEXT              corpus seed (default: dispatch-bench)
  --skip-warm              no warm rebuilds
  --skip-search            no search measurements in Chromium
  --skip-weight            no page weight measurements
  --profile                also break down where build time goes, on the smallest size:
                           each Markdown plugin, the indexing steps, and a CPU profile of a
                           cold build (adds about one more cold build)
  --out FILE               where to write the results (default: BENCHMARKS.md)
  --no-write               print the results only
  --keep                   keep the temporary folder (corpora, dist/, build logs, profiles)
  --help                   this text
`;

const { values: args } = parseArgs({
  allowNegative: true,
  options: {
    sizes: { type: 'string', default: '1000,5000,20000' },
    content: { type: 'string' },
    'search-size': { type: 'string' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: 'dispatch-bench' },
    'skip-warm': { type: 'boolean', default: false },
    'skip-search': { type: 'boolean', default: false },
    'skip-weight': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    out: { type: 'string', default: 'BENCHMARKS.md' },
    write: { type: 'boolean', default: true },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  process.stdout.write(usage);
  process.exit(0);
}

/** An existing content folder to measure instead of generated corpora. */
const ownContent = args.content ? resolve(args.content) : undefined;
const ownCorpus = ownContent ? readCorpus(ownContent) : undefined;
const sizes = (ownCorpus ? String(ownCorpus.articles.length) : args.sizes)
  .split(',')
  .map((size) => Number(size.replace(/[_\s]/g, '')))
  .sort((a, b) => a - b);
if (sizes.length === 0 || sizes.some((size) => !Number.isInteger(size) || size < 1)) {
  process.stderr.write(`--sizes takes whole numbers of at least 1, e.g. 1000,5000\n\n${usage}`);
  process.exit(2);
}
const searchSize = ownCorpus
  ? sizes[0]!
  : args['search-size']
    ? Number(args['search-size'])
    : sizes.includes(5000)
      ? 5000
      : (sizes.filter((size) => size <= 5000).at(-1) ?? sizes[0]!);
if (!sizes.includes(searchSize)) {
  process.stderr.write(`--search-size ${searchSize} is not one of --sizes ${sizes.join(',')}\n`);
  process.exit(2);
}
const runs = Math.max(1, Number(args.runs));

const log = (message: string) => process.stdout.write(`[bench] ${message}\n`);
const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (value: number) => `${(value / 1024 ** 2).toFixed(0)} MB`;

function git(...command: string[]): string {
  try {
    return execFileSync('git', ['-C', projectRoot, ...command], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

function packageVersion(name: string): string {
  try {
    const file = join(projectRoot, 'node_modules', name, 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

function environment(): Environment {
  const commit = git('rev-parse', '--short', 'HEAD');
  const dirty = git('status', '--porcelain') !== '';
  const rerun = process.argv.slice(2).join(' ');
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: `npx -y -p node@24 -- npm run bench${rerun ? ` -- ${rerun}` : ''}`,
    commit: commit ? `${commit}${dirty ? ' with uncommitted changes' : ''}` : 'unknown',
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    memory: totalmem(),
    os: `${platform()} ${release()}`,
    versions: {
      Node: process.versions.node,
      Astro: packageVersion('astro'),
      '@astrojs/markdown-remark': packageVersion('@astrojs/markdown-remark'),
      Pagefind: packageVersion('pagefind'),
      'playwright-core': packageVersion('playwright-core'),
    },
    seed: args.seed,
  };
}

function logBuild(label: string, run: BuildRun, articles: number): void {
  if (run.exitCode !== 0) {
    log(`${label}: FAILED (exit ${run.exitCode}) after ${fmt(run.wallMs)}`);
    for (const line of run.tail.slice(-15)) log(`  | ${line}`);
    return;
  }
  log(
    `${label}: ${fmt(run.wallMs)}, ${(run.wallMs / articles).toFixed(1)} ms/article, ` +
      `peak RSS ${mb(run.usage.peakRss)}, CPU ${fmt(run.usage.cpuMs)}`,
  );
  for (const phase of run.phases) log(`  ${fmt(phase.ms).padStart(8)}  ${phase.name}`);
}

/** Article pages of the corpus to load: the shortest, the median and the longest. */
function samplePages(corpus: Corpus) {
  const byLength = [...corpus.articles].sort((a, b) => a.words - b.words);
  const pick = (label: string, i: number) => ({ label, article: byLength[i]! });
  return [
    pick('shortest article', 0),
    pick('median article', Math.floor(byLength.length / 2)),
    pick('longest article', byLength.length - 1),
  ];
}

async function browserMeasurements(
  corpus: Corpus,
  distDir: string,
): Promise<{ search?: SearchResult; weight?: BenchResults['weight'] }> {
  const site = await serveStatic({ root: distDir, compress: true });
  const chromium = await launchBrowser();
  const out: { search?: SearchResult; weight?: BenchResults['weight'] } = {};
  try {
    const pages = samplePages(corpus);
    const articleUrl = site.origin + pages[1]!.article.url;
    if (!args['skip-search']) {
      log(
        `search: ${benchQueries.length} queries, ${runs} cold runs each, on ${pages[1]!.article.url}`,
      );
      const cold: ColdSearch[][] = [];
      for (const query of benchQueries) {
        const results: ColdSearch[] = [];
        for (let run = 0; run < runs; run++) {
          results.push(await coldSearch(chromium, articleUrl, query.text));
        }
        cold.push(results);
        const times = results.map((r) => r.ms);
        log(
          `  ${query.text.padEnd(24)} first search ${quantile(times, 0.5).toFixed(0)} ms ` +
            `(${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}), ` +
            `${(results[0]!.bytes / 1024).toFixed(0)} KB, ${results[0]!.articles} articles`,
        );
      }
      const warm = await warmSearches(
        chromium,
        articleUrl,
        benchQueries.map((query) => query.text),
        runs,
      );
      log(
        `  later searches: median ${quantile(warm.first, 0.5).toFixed(1)} ms first time, ` +
          `${quantile(warm.repeat, 0.5).toFixed(1)} ms again; per keystroke median ` +
          `${quantile(warm.keystrokes.flat(), 0.5).toFixed(1)} ms`,
      );
      const searchPage = [];
      for (const query of ['Kyiv', '"battle of attrition"']) {
        searchPage.push({
          query,
          load: await searchPageLoad(chromium, `${site.origin}/search/`, query),
        });
      }
      out.search = {
        articles: corpus.articles.length,
        page: pages[1]!.article.url,
        queries: benchQueries,
        cold,
        warm,
        searchPage,
      };
    }
    if (!args['skip-weight']) {
      const weighed = [];
      const tagged = [
        ...pages.map(({ label, article }) => ({ label, path: article.url })),
        { label: 'home page', path: '/' },
        ...firstTagPage(distDir),
      ];
      for (const { label, path } of tagged) {
        const weight = await pageWeight(chromium, site.origin + path);
        weighed.push({ label, path, weight });
        log(
          `weight: ${label}: ${weight.requests} requests, ${(weight.bytes / 1024).toFixed(1)} KB`,
        );
      }
      out.weight = { articles: corpus.articles.length, pages: weighed };
    }
  } finally {
    await chromium.close();
    await site.close();
  }
  return out;
}

/** The tag page to weigh: Ukraine's in generated corpora, else the first there is. */
function firstTagPage(distDir: string): { label: string; path: string }[] {
  const tagsDir = join(distDir, 'tags');
  const tags = existsSync(tagsDir) ? readdirSync(tagsDir).sort() : [];
  const tag = tags.includes('ukraine') ? 'ukraine' : tags[0];
  return tag ? [{ label: 'tag page', path: `/tags/${tag}/` }] : [];
}

async function main(): Promise<void> {
  const env = environment();
  const work = mkdtempSync(join(tmpdir(), 'dispatch-bench-'));
  log(`sizes ${sizes.join(', ')}; working in ${work}`);
  const results: BenchResults = { environment: env, sizes: [] };
  const glossaryFile = join(projectRoot, 'content/glossary.yaml');

  try {
    for (const size of sizes) {
      const dir = join(work, String(size));
      mkdirSync(dir, { recursive: true });
      let start = performance.now();
      const corpus =
        ownCorpus ?? writeCorpus(join(dir, 'content'), size, { seed: args.seed, glossaryFile });
      const generateMs = performance.now() - start;
      const lengths = corpus.articles.map((article) => article.words);
      log(
        `${size} articles: ${corpus.totalWords.toLocaleString('en-US')} words, ` +
          `${mb(corpus.bytes)} of Markdown, generated in ${fmt(generateMs)}`,
      );
      const build = (label: string, extra: { cpuProfileDir?: string; cacheDir?: string } = {}) =>
        runBuild({
          projectRoot,
          contentDir: corpus.dir,
          cacheDir: extra.cacheDir ?? join(dir, 'cache'),
          outDir: join(dir, 'dist'),
          logFile: join(dir, `build-${label}.log`),
          cpuProfileDir: extra.cpuProfileDir,
        });

      const cold = await build('cold');
      logBuild(`${size} cold`, cold, size);
      const result: SizeResult = {
        articles: size,
        words: {
          total: corpus.totalWords,
          min: Math.min(...lengths),
          max: Math.max(...lengths),
          median: quantile(lengths, 0.5),
        },
        markdownBytes: corpus.bytes,
        vocabulary: corpus.vocabulary,
        generateMs,
        cold,
      };
      results.sizes.push(result);
      if (cold.exitCode === 0) {
        result.dist = folderSize(join(dir, 'dist'));
        result.index = folderSize(join(dir, 'dist', 'pagefind'));
        log(
          `  dist/ ${mb(result.dist.bytes)} in ${result.dist.files} files; index ` +
            `${mb(result.index.bytes)}, ${(result.index.bytes / size / 1024).toFixed(1)} KB/article`,
        );
        if (size === searchSize && !(args['skip-search'] && args['skip-weight'])) {
          Object.assign(results, await browserMeasurements(corpus, join(dir, 'dist')));
        }
        if (args.profile && size === sizes[0]) {
          log('breakdown: Markdown plugins, in this process');
          const markdown = await markdownBreakdown(projectRoot, corpus, 500);
          log('breakdown: indexing steps, in this process');
          const indexing = await indexingBreakdown(projectRoot, corpus, join(dir, 'dist'), dir);
          log('breakdown: a cold build with a CPU profile');
          const profileDir = join(dir, 'cpu-profile');
          const profiledBuild = await build('profiled', {
            cpuProfileDir: profileDir,
            cacheDir: join(dir, 'cache-profiled'),
          });
          const file = existsSync(profileDir) ? mainProfile(profileDir) : undefined;
          const breakdown: BreakdownResult = {
            articles: size,
            markdown,
            indexing,
            profile: file ? summariseProfile(file) : undefined,
            profiledBuild,
          };
          results.breakdown = breakdown;
        }
        if (!args['skip-warm']) {
          const warm = await build('warm');
          result.warm = warm;
          logBuild(`${size} warm`, warm, size);
        }
      }
      if (!args.keep) {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    if (args.keep) {
      writeFileSync(join(work, 'results.json'), JSON.stringify(results, null, 2));
      log(`kept ${work} (results.json, build logs, corpora, dist/)`);
    } else {
      rmSync(work, { recursive: true, force: true });
    }
  }

  const markdown = renderResults(results);
  // Measurements of another content folder do not replace the committed ones unless asked.
  const write = args.write && (!ownContent || process.argv.some((arg) => arg.startsWith('--out')));
  if (write) {
    const file = join(projectRoot, args.out);
    const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    // Formatted as `npm run format` would, so the committed file passes `format:check`.
    const text = updateDocument(existing, intro, markdown);
    const config = (await prettier.resolveConfig(file)) ?? {};
    writeFileSync(file, await prettier.format(text, { ...config, filepath: file }));
    log(`results written to ${args.out}`);
  } else {
    process.stdout.write(`${markdown}\n`);
  }
  if (results.sizes.some((size) => size.cold.exitCode !== 0)) process.exitCode = 1;
}

const intro = `# Benchmarks

How fast the site builds as the archive grows, how fast search answers, and what an article page
costs to load. Produced by \`npm run bench\` (\`tests/bench/\`), which is not part of \`npm test\`.

## Running it

\`\`\`sh
npx -y -p node@24 -- npm run bench                     # 1,000, 5,000 and 20,000 articles
npx -y -p node@24 -- npm run bench -- --sizes 1000     # quick run, under two minutes
npx -y -p node@24 -- npm run bench -- --profile        # also: where build time goes
npx -y -p node@24 -- npm run bench -- --content content  # the site's own articles
npx -y -p node@24 -- npm run bench -- --help           # every flag
\`\`\`

It needs Chromium for the search and page-weight measurements (as the browser tests do;
\`--skip-search --skip-weight\` to do without) and about 5 GB free in the temporary folder for the
20,000-article run. Run it on an otherwise idle machine: the numbers are wall-clock times.

For each size it generates a corpus into a temporary folder outside the repository
(\`os.tmpdir()\`, removed afterwards unless \`--keep\`): articles of 300 to 3,000 words
(log-uniform, so most are short), with \`##\` sections (some headings repeated within an article),
the glossary's names in all their spellings (Kiev, Kÿiv, Київ; Zelensky, Zelenskyy; the Atlantic
Alliance), quotations in curly quotes, figures such as $150 billion, tokens such as Mig-29, bullet
lists and block quotes, and a long tail of vocabulary. The same seed always gives the same files,
and a smaller corpus is the start of a larger one. It then builds the real site over it with
\`CONTENT_DIR\` and \`CACHE_DIR\` pointing into that folder (\`astro build --outDir\`, as
\`tests/support/build.ts\` does): once cold (new cache, new output) and once warm (same cache).

Targets: a cold build at most 10 ms per article on 2 cores with every plugin, growing linearly to
20,000 articles, with peak memory under 4 GB at 20,000; on 5,000 articles, search shows first
results within 200 ms of the first keystroke on a cold page and within 16 ms afterwards.

Everything below the line is rewritten by each run; notes above it are kept.

---
`;

await main();
