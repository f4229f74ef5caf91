/**
 * `npm run bench`: builds synthetic corpora of 1,000, 5,000 and 20,000 articles and measures
 * the build (cold, warm and publishing: time, memory, output size) beside a bare Astro site,
 * search in Chromium beside Pagefind's default pipeline over the same pages, and the weight of
 * the article page, then writes the results into BENCHMARKS.md. Not part of `npm test`.
 *
 *   npm run bench                       # 1,000, 5,000 and 20,000 articles
 *   npm run bench -- --sizes 1000       # quick run, a few minutes
 *   npm run bench -- --help             # every flag
 *
 * Everything it generates goes into one temporary folder (os.tmpdir()), removed at the end
 * unless --keep.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
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
import { buildBareAstro } from './bare-astro.ts';
import { indexingBreakdown, markdownBreakdown } from './breakdown.ts';
import {
  benchQueries,
  coldSearch,
  openWarmPage,
  TYPING_INTERVAL_MS,
  pageWeight,
  searchPageLoad,
  typedSearch,
  type ColdSearch,
  type Side,
  type TypedSearch,
  type WarmPage,
  type WarmSearches,
} from './browser.ts';
import {
  compareFolders,
  folderSize,
  runBuild,
  searchIndexes,
  type BuildRun,
  type FolderSize,
} from './build.ts';
import { publishEdits, readCorpus, writeCorpus, type Corpus } from './corpus.ts';
import { buildPeerIndex } from './peer.ts';
import { mainProfile, summariseProfile } from './profile.ts';
import { pagefindPeak } from './proctree.ts';
import {
  mergeResults,
  quantile,
  renderResults,
  updateDocument,
  type BenchResults,
  type BreakdownResult,
  type Environment,
  type PeerIndexResult,
  type SearchResult,
  type SideSearch,
  type SizeResult,
} from './report.ts';
import { serveCounted } from './wire.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

const usage = `Usage: npm run bench -- [options]

  --sizes 1000,5000,20000  corpus sizes to build (default: 1000,5000,20000); 100000 works too,
                           best in a run of its own with --skip-peers --skip-compare
  --content DIR            instead of generated corpora, measure an existing content folder
                           (e.g. --content content: the site's own articles, copied first);
                           prints the results and writes them only with --out
  --search-sizes LIST      sizes to run the browser measurements on (default: 5000 and 20000
                           where built, else the largest size built below 5,000, else the
                           smallest); --search-size is the same
  --runs N                 runs per query of each cold-page measurement, each in a fresh
                           profile (default: 3)
  --typing-runs N          runs per query of the realistic-typing measurement (default: 1;
                           it takes over a second per query and side)
  --seed TEXT              corpus seed (default: dispatch-bench)
  --skip-warm              no warm rebuilds (nothing changed)
  --skip-publish           no publishing rebuilds (one article added, one corrected)
  --skip-compare           no cold build of the published content to compare dist/ with, byte
                           for byte (it doubles the publishing measurement's cost)
  --skip-peers             no peers: neither Pagefind's CLI index over the pages (which holds
                           the whole index in memory: ~400 KB per article, so it cannot run at
                           100,000 here) nor the bare Astro builds
  --skip-bare              no bare Astro builds (Pagefind's CLI index is still made, for search)
  --skip-search            no search measurements in Chromium
  --skip-typing            no realistic-typing measurements
  --skip-weight            no page weight measurements
  --profile                also break down where build time goes, on the smallest size:
                           each Markdown plugin, the indexing steps, and a CPU profile of a
                           cold build (adds about one more cold build)
  --env NAME=VALUE         an environment variable for the site's builds (not the peers'),
                           e.g. a setting under test; may be given more than once
  --out FILE               where to write the results (default: BENCHMARKS.md)
  --json FILE              also write the raw results as JSON (to merge into a later run)
  --merge FILE             add the sizes of an earlier run's --json file to this report's
                           tables (e.g. a 100,000-article run made on its own), marked as such
  --no-write               print the results only
  --keep                   keep the temporary folder (corpora, dist/, build logs, profiles)
  --help                   this text
`;

const { values: args } = parseArgs({
  allowNegative: true,
  options: {
    sizes: { type: 'string', default: '1000,5000,20000' },
    content: { type: 'string' },
    'search-sizes': { type: 'string' },
    'search-size': { type: 'string' },
    runs: { type: 'string', default: '3' },
    'typing-runs': { type: 'string', default: '1' },
    seed: { type: 'string', default: 'dispatch-bench' },
    'skip-warm': { type: 'boolean', default: false },
    'skip-publish': { type: 'boolean', default: false },
    'skip-compare': { type: 'boolean', default: false },
    'skip-peers': { type: 'boolean', default: false },
    'skip-bare': { type: 'boolean', default: false },
    'skip-search': { type: 'boolean', default: false },
    'skip-typing': { type: 'boolean', default: false },
    'skip-weight': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    out: { type: 'string', default: 'BENCHMARKS.md' },
    json: { type: 'string' },
    env: { type: 'string', multiple: true, default: [] },
    merge: { type: 'string' },
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
const searchSizesArg = args['search-sizes'] ?? args['search-size'];
const searchSizes: number[] = ownCorpus
  ? [sizes[0]!]
  : searchSizesArg
    ? searchSizesArg.split(',').map((size) => Number(size.replace(/[_\s]/g, '')))
    : sizes.some((size) => size === 5000 || size === 20000)
      ? sizes.filter((size) => size === 5000 || size === 20000)
      : [sizes.filter((size) => size <= 5000).at(-1) ?? sizes[0]!];
const missing = searchSizes.filter((size) => !sizes.includes(size));
if (missing.length > 0) {
  process.stderr.write(`--search-sizes ${missing.join(',')} not in --sizes ${sizes.join(',')}\n`);
  process.exit(2);
}
const buildEnv: Record<string, string> = {};
for (const setting of args.env) {
  const at = setting.indexOf('=');
  if (at < 1) {
    process.stderr.write(`--env takes NAME=VALUE, not ${setting}\n`);
    process.exit(2);
  }
  buildEnv[setting.slice(0, at)] = setting.slice(at + 1);
}
const runs = Math.max(1, Number(args.runs));
const typingRuns = Math.max(1, Number(args['typing-runs']));

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

const medianOf = (values: readonly number[]) => quantile(values, 0.5);

function logSearch(name: string, query: string, results: ColdSearch[]): void {
  const times = results.map((r) => r.ms);
  log(
    `  ${name.padEnd(4)} ${query.padEnd(24)} first search ${medianOf(times).toFixed(0)} ms ` +
      `(${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}), ` +
      `${(results[0]!.bytes / 1024).toFixed(0)} KB in ${results[0]!.requests} requests, ` +
      `${results[0]!.articles} articles / ${results[0]!.hits} passages`,
  );
}

/**
 * Search on both sides, alternating: which side goes first changes query by query and run by
 * run, so that both share the machine's noise and neither always follows the other.
 */
async function searchMeasurements(
  chromium: Awaited<ReturnType<typeof launchBrowser>>,
  sides: Side[],
): Promise<SideSearch[]> {
  const out: SideSearch[] = sides.map(() => ({
    cold: [],
    warm: { first: [], firstBytes: [], repeat: [], keystrokes: [] },
    typed: [],
  }));
  const order = (run: number) => (run % 2 === 0 ? sides.keys() : [...sides.keys()].reverse());
  for (const query of benchQueries) {
    const cold: ColdSearch[][] = sides.map(() => []);
    for (let run = 0; run < runs; run++) {
      for (const i of order(run + benchQueries.indexOf(query))) {
        cold[i]!.push(await coldSearch(chromium, sides[i]!, query.text));
      }
    }
    sides.forEach((side, i) => {
      out[i]!.cold.push(cold[i]!);
      logSearch(side.name, query.text, cold[i]!);
      if (query === benchQueries[0]) {
        const fetched = cold[i]![0]!.fetched;
        log(`       fetched: ${fetched.map((f) => `${f.path} ${f.bytes}`).join(', ')}`);
      }
    });
  }
  if (!args['skip-typing']) {
    log(`  typing at ${TYPING_INTERVAL_MS} ms per key, cold page`);
    for (const query of benchQueries) {
      const typed: TypedSearch[][] = sides.map(() => []);
      for (let run = 0; run < typingRuns; run++) {
        // Alternating by query as well, so that neither side always types first.
        for (const i of order(run + benchQueries.indexOf(query))) {
          typed[i]!.push(await typedSearch(chromium, sides[i]!, query.text));
        }
      }
      typed.forEach((runs, i) => out[i]!.typed.push(runs));
      log(
        `    ${query.text.padEnd(24)} after the last key: ` +
          sides
            .map((side, i) => `${side.name} ${medianOf(typed[i]!.map((t) => t.ms)).toFixed(0)} ms`)
            .join(', '),
      );
    }
  }
  // Later searches: one warm page per side, open side by side, the same query on each in turn.
  const pages: WarmPage[] = [];
  for (const side of sides) pages.push(await openWarmPage(chromium, side));
  try {
    const texts = benchQueries.map((query) => query.text);
    // Which side goes first alternates query by query (and round by round).
    const firstTime = texts.map(() => pages.map(() => ({ ms: 0, bytes: 0 })));
    for (const [q, text] of texts.entries()) {
      for (const i of order(q)) {
        const { ms, bytes } = await pages[i]!.once(text);
        firstTime[q]![i] = { ms, bytes };
      }
    }
    for (const measured of firstTime) {
      measured.forEach(({ ms, bytes }, i) => {
        out[i]!.warm.first.push(ms);
        out[i]!.warm.firstBytes.push(bytes);
      });
    }
    const again: number[][][] = pages.map(() => texts.map(() => []));
    for (let round = 0; round < runs; round++) {
      for (const [q, text] of texts.entries()) {
        for (const i of order(round + q)) again[i]![q]!.push((await pages[i]!.once(text)).ms);
      }
    }
    again.forEach((times, i) => {
      out[i]!.warm.repeat = times.map((t) => medianOf(t));
    });
    const keys = texts.map((): number[][] => pages.map(() => []));
    for (const [q, text] of texts.entries()) {
      for (const i of order(q)) keys[q]![i] = await pages[i]!.keystrokes(text);
    }
    for (const measured of keys) {
      measured.forEach((times, i) => out[i]!.warm.keystrokes.push(times));
    }
  } finally {
    for (const page of pages) await page.close();
  }
  sides.forEach((side, i) => {
    const warm: WarmSearches = out[i]!.warm;
    log(
      `  ${side.name}: later searches median ${medianOf(warm.first).toFixed(1)} ms first time, ` +
        `${medianOf(warm.repeat).toFixed(1)} ms again; per keystroke median ` +
        `${medianOf(warm.keystrokes.flat()).toFixed(1)} ms`,
    );
  });
  return out;
}

async function browserMeasurements(
  corpus: Corpus,
  distDir: string,
  peerDir: string | undefined,
  { search, weight }: { search: boolean; weight: boolean },
): Promise<{ search?: Omit<SearchResult, 'peerIndex'>; weight?: BenchResults['weight'] }> {
  const site = await serveCounted(distDir);
  const peer = peerDir ? await serveCounted(peerDir) : undefined;
  const chromium = await launchBrowser();
  const out: { search?: Omit<SearchResult, 'peerIndex'>; weight?: BenchResults['weight'] } = {};
  try {
    const pages = samplePages(corpus);
    const page = pages[1]!.article.url;
    const ours: Side = { name: 'ours', server: site, root: distDir, page };
    const sides = [ours];
    if (peer && peerDir) sides.push({ name: 'peer', server: peer, root: peerDir, page: '/' });
    if (search) {
      log(
        `search: ${benchQueries.length} queries, ${runs} cold runs each, on ${page}` +
          (peer ? ", beside Pagefind's default pipeline" : ''),
      );
      const [oursSearch, peerSearch] = await searchMeasurements(chromium, sides);
      const searchPage = [];
      for (const query of ['Kyiv', '"battle of attrition"']) {
        searchPage.push({ query, load: await searchPageLoad(chromium, ours, query) });
      }
      out.search = {
        articles: corpus.articles.length,
        page,
        queries: benchQueries,
        ours: oursSearch!,
        peer: peerSearch,
        searchPage,
      };
    }
    if (weight) {
      const weighed = [];
      const tagged = [
        ...pages.map(({ label, article }) => ({ label, path: article.url })),
        { label: 'home page', path: '/' },
        ...firstTagPage(distDir),
      ];
      for (const { label, path } of tagged) {
        const measured = await pageWeight(chromium, ours, path);
        weighed.push({ label, path, weight: measured });
        log(
          `weight: ${label}: ${measured.requests} requests, ${(measured.bytes / 1024).toFixed(1)} KB`,
        );
      }
      out.weight = { articles: corpus.articles.length, pages: weighed };
    }
  } finally {
    await chromium.close();
    await site.close();
    await peer?.close();
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

/** The site's search index: every top folder of dist/ that holds a Pagefind bundle. */
function indexSize(distDir: string): FolderSize & { folders: string[] } {
  const folders = [...new Set(searchIndexes(distDir).map((dir) => dir.split(/[\\/]/)[0]!))];
  const total = { bytes: 0, files: 0, folders };
  for (const folder of folders) {
    const size = folderSize(join(distDir, folder));
    total.bytes += size.bytes;
    total.files += size.files;
  }
  return total;
}

async function main(): Promise<void> {
  const env = environment();
  const work = mkdtempSync(join(tmpdir(), 'dispatch-bench-'));
  log(`sizes ${sizes.join(', ')}; search at ${searchSizes.join(', ')}; working in ${work}`);
  const results: BenchResults = { environment: env, sizes: [], searches: [] };
  const glossaryFile = join(projectRoot, 'content/glossary.yaml');
  const peers = !args['skip-peers'];

  try {
    for (const size of sizes) {
      const dir = join(work, String(size));
      mkdirSync(dir, { recursive: true });
      let start = performance.now();
      let corpus: Corpus;
      if (ownContent) {
        // A copy: publishing writes into the corpus, and nothing is written into yours.
        cpSync(ownContent, join(dir, 'content'), { recursive: true });
        corpus = readCorpus(join(dir, 'content'));
      } else {
        corpus = writeCorpus(join(dir, 'content'), size, { seed: args.seed, glossaryFile });
      }
      const generateMs = performance.now() - start;
      const lengths = corpus.articles.map((article) => article.words);
      log(
        `${size} articles: ${corpus.totalWords.toLocaleString('en-US')} words, ` +
          `${mb(corpus.bytes)} of Markdown, generated in ${fmt(generateMs)}`,
      );
      const build = (
        label: string,
        extra: { cpuProfileDir?: string; cacheDir?: string; outDir?: string } = {},
      ) =>
        runBuild({
          projectRoot,
          contentDir: corpus.dir,
          cacheDir: extra.cacheDir ?? join(dir, 'cache'),
          outDir: extra.outDir ?? join(dir, 'dist'),
          logFile: join(dir, `build-${label}.log`),
          cpuProfileDir: extra.cpuProfileDir,
          env: buildEnv,
        });

      const cold = await build('cold');
      logBuild(`${size} cold`, cold, size);
      const result: SizeResult = {
        articles: size,
        words: {
          total: corpus.totalWords,
          // Not Math.min(...lengths): 100,000 arguments overflow the stack.
          min: lengths.reduce((a, b) => Math.min(a, b), Infinity),
          max: lengths.reduce((a, b) => Math.max(a, b), 0),
          median: quantile(lengths, 0.5),
        },
        markdownBytes: corpus.bytes,
        vocabulary: corpus.vocabulary,
        generateMs,
        cold,
        pagefindPeakRss: pagefindPeak(cold.usage),
      };
      results.sizes.push(result);
      if (cold.exitCode === 0) {
        const distDir = join(dir, 'dist');
        result.dist = folderSize(distDir);
        result.index = indexSize(distDir);
        log(
          `  dist/ ${mb(result.dist.bytes)} in ${result.dist.files} files; index ` +
            `(${result.index.folders.join(', ') || 'none found'}) ${mb(result.index.bytes)}, ` +
            `${(result.index.bytes / size / 1024).toFixed(1)} KB/article; Pagefind's ` +
            `processes peaked at ${mb(result.pagefindPeakRss ?? 0)}`,
        );

        let peerIndex: PeerIndexResult | undefined;
        if (peers) {
          log("peer: Pagefind's CLI with its defaults over the same pages");
          const peer = await buildPeerIndex(projectRoot, distDir, join(dir, 'peer'));
          peerIndex = {
            exitCode: peer.exitCode,
            wallMs: peer.wallMs,
            peakRss: peer.usage.peakRss,
            pagefindPeakRss: pagefindPeak(peer.usage),
            tail: peer.tail,
            ...(peer.exitCode === 0 ? { index: folderSize(join(peer.dir, 'pagefind')) } : {}),
          };
          result.peerIndex = peerIndex;
          log(
            peer.exitCode === 0
              ? `  indexed in ${fmt(peer.wallMs)}, peak RSS ${mb(peerIndex.peakRss)}, ` +
                  `index ${mb(peerIndex.index!.bytes)}`
              : `  FAILED (exit ${peer.exitCode}): ${peer.tail.slice(-3).join(' | ')}`,
          );
        }
        const searchHere = searchSizes.includes(size) && !args['skip-search'];
        const weightHere = size === searchSizes[0] && !args['skip-weight'];
        if (searchHere || weightHere) {
          const measured = await browserMeasurements(
            corpus,
            distDir,
            peerIndex?.exitCode === 0 ? join(dir, 'peer') : undefined,
            { search: searchHere, weight: weightHere },
          );
          if (measured.search) results.searches.push({ ...measured.search, peerIndex });
          if (measured.weight) results.weight = measured.weight;
        }
        if (args.profile && size === sizes[0]) {
          log('breakdown: Markdown plugins, in this process');
          const markdown = await markdownBreakdown(projectRoot, corpus, 500);
          log('breakdown: indexing steps, in this process');
          const indexing = await indexingBreakdown(projectRoot, corpus, distDir, dir);
          log('breakdown: a cold build with a CPU profile');
          const profileDir = join(dir, 'cpu-profile');
          const profiledBuild = await build('profiled', {
            cpuProfileDir: profileDir,
            cacheDir: join(dir, 'cache-profiled'),
            outDir: join(dir, 'dist-profiled'),
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
        if (peers && !args['skip-bare']) {
          // Before publishing changes the corpus: the same content as the site's cold build.
          result.bare = {};
          for (const processor of ['unified', 'satteri'] as const) {
            const run = await buildBareAstro(
              projectRoot,
              processor,
              corpus.dir,
              join(dir, `bare-${processor}`),
            );
            result.bare[processor] = run;
            logBuild(`${size} bare Astro (${processor}), cold`, run, size);
            rmSync(join(dir, `bare-${processor}`), { recursive: true, force: true });
          }
        }
        if (!args['skip-publish']) {
          const edits = publishEdits(corpus, { seed: args.seed, glossaryFile });
          log(`publish: added ${edits.added}, corrected ${edits.corrected}`);
          const publish = await build('publish');
          logBuild(`${size} publish (same cache)`, publish, size);
          result.publish = { edits, run: publish };
          if (!args['skip-compare'] && publish.exitCode === 0) {
            const afterDir = join(dir, 'dist-cold-after');
            const coldAfter = await build('cold-after', {
              cacheDir: join(dir, 'cache-cold-after'),
              outDir: afterDir,
            });
            logBuild(`${size} cold build of the published content`, coldAfter, size + 1);
            result.publish.coldAfter = coldAfter;
            if (coldAfter.exitCode === 0) {
              result.publish.comparison = compareFolders(distDir, afterDir);
              const { equal, differing, differences } = result.publish.comparison;
              log(
                equal
                  ? '  dist/ after publishing equals the cold build, byte for byte'
                  : `  dist/ after publishing differs from the cold build in ${differing} files: ` +
                      differences.slice(0, 5).join(', '),
              );
            }
          }
        }
      }
      if (!args.keep) {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    // Written even when a step failed, so that a long run's figures are not lost.
    if (args.json) {
      writeFileSync(resolve(args.json), JSON.stringify(results, null, 2));
      log(`raw results written to ${args.json}`);
    }
    if (args.keep) {
      writeFileSync(join(work, 'results.json'), JSON.stringify(results, null, 2));
      log(`kept ${work} (results.json, build logs, corpora, dist/)`);
    } else {
      rmSync(work, { recursive: true, force: true });
    }
  }

  if (args.merge) {
    mergeResults(results, JSON.parse(readFileSync(resolve(args.merge), 'utf8')) as BenchResults);
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

/** The start of a new BENCHMARKS.md; an existing one keeps its own notes above the results. */
const intro = `# Benchmarks

How fast the site builds and publishes as the archive grows, how fast search answers, and what
an article page costs to load, each beside a peer measured in the same run: a bare Astro site
for the build, Pagefind's default pipeline for search. Produced by \`npm run bench\`
(\`tests/bench/\`), which is not part of \`npm test\`; \`npm run bench -- --help\` lists every flag.

Everything below the line is rewritten by each run; notes above it are kept.

---
`;

await main();
