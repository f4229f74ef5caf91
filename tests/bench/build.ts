/**
 * Runs the real Astro build over a corpus, the way tests/support/build.ts does, and measures
 * it: wall time, peak memory and CPU of the whole process tree, and the time of each phase,
 * read from when each line of the build log arrives.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runWatched, type TreeUsage } from './proctree.ts';

export interface BuildOptions {
  projectRoot: string;
  contentDir: string;
  cacheDir: string;
  outDir: string;
  /** Where the whole build log is written. */
  logFile: string;
  /** Write a V8 CPU profile of the build's Node process here. */
  cpuProfileDir?: string | undefined;
  /** More environment variables for the build (the bench's `--env NAME=VALUE`). */
  env?: Record<string, string> | undefined;
}

export interface Phase {
  name: string;
  ms: number;
}

export interface BuildRun {
  exitCode: number;
  wallMs: number;
  usage: TreeUsage;
  phases: Phase[];
  /** The last lines of the log, to show when the build failed. */
  tail: string[];
  /** What the build said it did, e.g. "indexed 1000 articles". */
  indexed: string | undefined;
  pages: number | undefined;
}

/**
 * Lines that mark the end of each phase, in the order Astro prints them, and the name of the
 * phase each one ends. Astro's own timestamps have one-second resolution; these use the time a
 * line reached the benchmark (milliseconds).
 */
const markers: { pattern: RegExp; ends: string }[] = [
  { pattern: /\[content\] Syncing content/, ends: 'startup: config, Vite, integrations' },
  {
    pattern: /\[content\] Synced content/,
    ends: 'content sync: read, frontmatter, schema, Markdown + plugins',
  },
  { pattern: /\[build\] Building static entrypoints/, ends: 'types, build info' },
  { pattern: /^\s*generating static routes/, ends: 'bundle (Vite)' },
  // The routes' own summary line, without the "[build]" of the others.
  { pattern: /^(\d\d:\d\d:\d\d )?✓ Completed in/, ends: 'render and write pages' },
  { pattern: /\[@astrojs\/sitemap\]/, ends: 'sitemap' },
  { pattern: /\[search-index\] indexed/, ends: 'search index: read pages, records, Pagefind' },
  { pattern: /\[link-integrity\]/, ends: 'link integrity' },
];

export async function runBuild(options: BuildOptions): Promise<BuildRun> {
  const astro = join(options.projectRoot, 'node_modules/astro/bin/astro.mjs');
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...options.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    CONTENT_DIR: options.contentDir,
    CACHE_DIR: options.cacheDir,
  };
  if (options.cpuProfileDir) {
    env['NODE_OPTIONS'] =
      `${process.env['NODE_OPTIONS'] ?? ''} --cpu-prof --cpu-prof-dir=${options.cpuProfileDir}`.trim();
  }
  const reached: { at: number; marker: number }[] = [];
  const tail: string[] = [];
  let indexed: string | undefined;
  let pages: number | undefined;
  let next = 0;
  const onLine = (line: string, at: number) => {
    if (/[├└]─/.test(line)) return; // One line per page: not needed beyond the log file.
    tail.push(line);
    if (tail.length > 40) tail.shift();
    // Markers are looked for in order; one that never comes (a phase Astro skipped) is passed
    // over when a later one arrives.
    for (let i = next; i < markers.length; i++) {
      if (markers[i]!.pattern.test(line)) {
        reached.push({ at, marker: i });
        next = i + 1;
        break;
      }
    }
    indexed ??= /\[search-index\] (indexed .*)/.exec(line)?.[1];
    const built = /(\d+) page\(s\) built/.exec(line);
    if (built) pages = Number(built[1]);
  };
  const { exitCode, wallMs, usage } = await runWatched(
    [astro, 'build', '--outDir', options.outDir],
    {
      cwd: options.projectRoot,
      env,
      logFile: options.logFile,
      logLine: (line, at) => `${(at / 1000).toFixed(3).padStart(9)}s ${line}`,
      onLine,
    },
  );

  const phases: Phase[] = [];
  let previous = 0;
  for (const { at, marker } of reached) {
    phases.push({ name: markers[marker]!.ends, ms: at - previous });
    previous = at;
  }
  phases.push({
    name: exitCode === 0 ? 'finish and exit' : 'until the build failed',
    ms: wallMs - previous,
  });
  return { exitCode, wallMs, usage, phases, tail, indexed, pages };
}

export interface FolderSize {
  bytes: number;
  files: number;
}

/** Apparent size of every file under `dir` (what a deploy uploads). */
export function folderSize(dir: string): FolderSize {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

export interface FolderComparison {
  equal: boolean;
  files: number;
  /** Files whose bytes differ, or that only one side has (`only in first: x`), up to 20. */
  differences: string[];
  /** How many files differ or are missing, in all. */
  differing: number;
}

/** Compares two folders byte for byte, every file. */
export function compareFolders(first: string, second: string): FolderComparison {
  const list = (dir: string) =>
    new Set(
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative(dir, join(entry.parentPath, entry.name))),
    );
  const a = list(first);
  const b = list(second);
  const differences: string[] = [];
  let differing = 0;
  const note = (text: string) => {
    differing++;
    if (differences.length < 20) differences.push(text);
  };
  for (const file of [...a].sort()) {
    if (!b.has(file)) note(`only in the first: ${file}`);
    else if (!readFileSync(join(first, file)).equals(readFileSync(join(second, file)))) note(file);
  }
  for (const file of [...b].sort()) if (!a.has(file)) note(`only in the second: ${file}`);
  return { equal: differing === 0, files: a.size, differences, differing };
}

/**
 * Every search index in a built site: each folder that holds a Pagefind bundle
 * (`pagefind-entry.json`), wherever the build put it and however many there are.
 */
export function searchIndexes(distDir: string): string[] {
  return readdirSync(distDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name === 'pagefind-entry.json')
    .map((entry) => relative(distDir, entry.parentPath))
    .sort();
}
