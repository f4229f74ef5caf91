/**
 * Turns a benchmark run into the Markdown of BENCHMARKS.md. Only the part between the
 * `bench:results` markers is rewritten; text around it is kept.
 */
import type { BuildRun, FolderComparison, FolderSize } from './build.ts';
import type { IndexingBreakdown, MarkdownBreakdown } from './breakdown.ts';
import {
  TYPING_INTERVAL_MS,
  type BenchQuery,
  type ColdSearch,
  type PageWeight,
  type SearchPageLoad,
  type TypedSearch,
  type WarmSearches,
} from './browser.ts';
import type { Publish } from './corpus.ts';
import type { ProfileSummary } from './profile.ts';

export interface Environment {
  date: string;
  command: string;
  commit: string;
  cpu: string;
  cores: number;
  memory: number;
  os: string;
  versions: Record<string, string>;
  seed: string;
}

export interface SizeResult {
  articles: number;
  words: { total: number; min: number; max: number; median: number };
  markdownBytes: number;
  vocabulary: number;
  generateMs: number;
  cold: BuildRun;
  /** Peak RSS of the Pagefind processes during the cold build's indexing. */
  pagefindPeakRss?: number | undefined;
  warm?: BuildRun | undefined;
  dist?: FolderSize | undefined;
  /** Every top folder of dist/ holding a Pagefind bundle, summed. */
  index?: (FolderSize & { folders: string[] }) | undefined;
  /** Pagefind's CLI with its defaults over the same built pages. */
  peerIndex?: PeerIndexResult | undefined;
  /** The bare Astro site over the same corpus, cold. */
  bare?: { unified?: BuildRun; satteri?: BuildRun } | undefined;
  /** One article added and one corrected, rebuilt with the same cache. */
  publish?:
    | {
        edits: Publish;
        run: BuildRun;
        /** A cold build of the published content, and dist/ compared with it. */
        coldAfter?: BuildRun | undefined;
        comparison?: FolderComparison | undefined;
      }
    | undefined;
  /** Set when the row comes from an earlier run (`--merge`). */
  from?: { date: string; commit: string } | undefined;
}

export interface PeerIndexResult {
  exitCode: number;
  wallMs: number;
  peakRss: number;
  pagefindPeakRss: number;
  index?: FolderSize | undefined;
  tail: string[];
}

/** One side's search figures, per query in the order of `queries`. */
export interface SideSearch {
  cold: ColdSearch[][];
  warm: WarmSearches;
  /** Realistic typing on a cold page, each run; empty with --skip-typing. */
  typed: TypedSearch[][];
}

export interface SearchResult {
  articles: number;
  page: string;
  queries: BenchQuery[];
  ours: SideSearch;
  /** Pagefind's default pipeline over the same pages, measured in the same run. */
  peer?: SideSearch | undefined;
  peerIndex?: PeerIndexResult | undefined;
  searchPage: { query: string; load: SearchPageLoad }[];
  from?: { date: string; commit: string } | undefined;
}

export interface BreakdownResult {
  articles: number;
  markdown: MarkdownBreakdown;
  indexing: IndexingBreakdown;
  profile?: ProfileSummary | undefined;
  profiledBuild?: BuildRun | undefined;
}

export interface BenchResults {
  environment: Environment;
  sizes: SizeResult[];
  searches: SearchResult[];
  weight?: { articles: number; pages: { label: string; path: string; weight: PageWeight }[] };
  breakdown?: BreakdownResult | undefined;
}

export const targets = {
  coldMsPerArticle: 10,
  /** Cold build ÷ the bare Astro unified site's. */
  coldVsBare: 0.6,
  peakRssBytes: 2 * 1024 ** 3,
  peakRssAt: 20_000,
  /** Pagefind's processes while indexing, at 20,000 and at 100,000 articles. */
  pagefindRssBytes: 1024 ** 3,
  /** Publishing (one added, one corrected) at 20,000 articles: seconds, and share of cold. */
  publishMs: 60_000,
  publishShare: 0.1,
  publishAt: 20_000,
  /** Ours ÷ Pagefind's default pipeline, geometric mean over the queries. */
  firstSearchRatio: 0.5,
  laterSearchRatio: 0.5,
  bytesRatio: 1.0,
  /** Median over the queries, from the last keystroke, at 20,000 articles. */
  typedMs: 50,
  typedAt: 20_000,
};

export const START = '<!-- bench:results:start -->';
export const END = '<!-- bench:results:end -->';

const n = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (value: number) => (value >= 100 ? n(value) : n(value, 1));
const seconds = (value: number) => `${n(value / 1000, 1)} s`;
const bytes = (value: number) =>
  value >= 1024 ** 3
    ? `${n(value / 1024 ** 3, 2)} GB`
    : value >= 1024 ** 2
      ? `${n(value / 1024 ** 2, 1)} MB`
      : value >= 1024
        ? `${n(value / 1024, 1)} KB`
        : `${n(value)} B`;
/** A row's first cell: the size, and the run it comes from when merged from another. */
const sizeLabel = (size: SizeResult) =>
  `${n(size.articles)}${size.from ? ` (run of ${size.from.date}, ${size.from.commit})` : ''}`;
const pct = (part: number, whole: number) => (whole > 0 ? `${n((100 * part) / whole)} %` : '');
const met = (ok: boolean) => (ok ? 'met' : '**not met**');

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}
const median = (values: readonly number[]) => quantile(values, 0.5);

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function buildSection(sizes: SizeResult[]): string[] {
  const out: string[] = ['### Builds', ''];
  out.push(
    'Cold: new content cache and new output folder. Warm: built again with the same cache ' +
      '(nothing changed). Memory is the largest sum of the resident sets of the build process ' +
      'and all its children, sampled every 100 ms; Pagefind peak RSS is the same sum over the ' +
      'Pagefind processes alone (its indexing binary). CPU is user + system time of the tree; ' +
      'CPU/wall above 1 means more than one core was busy. The search index is every top folder ' +
      'of dist/ holding a Pagefind bundle (`pagefind-entry.json`).',
    '',
  );
  out.push(
    table(
      [
        'articles',
        'words (median, range)',
        'cold',
        'cold ms/article',
        'warm',
        'warm ms/article',
        'peak RSS',
        'Pagefind peak RSS',
        'CPU (CPU/wall)',
        'dist/',
        'search index',
        'index/article',
      ],
      sizes.map((size) => {
        const perArticle = (run: BuildRun) => ms(run.wallMs / size.articles);
        const ok = size.cold.exitCode === 0;
        return [
          sizeLabel(size),
          `${n(size.words.median)} (${n(size.words.min)}–${n(size.words.max)})`,
          ok ? seconds(size.cold.wallMs) : `failed (exit ${size.cold.exitCode})`,
          ok ? perArticle(size.cold) : '',
          size.warm ? seconds(size.warm.wallMs) : '',
          size.warm ? perArticle(size.warm) : '',
          bytes(size.cold.usage.peakRss),
          size.pagefindPeakRss !== undefined ? bytes(size.pagefindPeakRss) : '',
          `${seconds(size.cold.usage.cpuMs)} (${n(size.cold.usage.cpuMs / size.cold.wallMs, 2)})`,
          size.dist ? `${bytes(size.dist.bytes)} (${n(size.dist.files)} files)` : '',
          size.index
            ? `${bytes(size.index.bytes)} (${n(size.index.files)} files${size.index.folders.length > 0 ? ` in ${size.index.folders.map((f) => `${f}/`).join(', ')}` : ''})`
            : '',
          size.index ? bytes(size.index.bytes / size.articles) : '',
        ];
      }),
    ),
    '',
  );
  for (const size of sizes.filter((s) => s.cold.exitCode !== 0)) {
    out.push(`The cold build of ${n(size.articles)} articles failed. Its last lines:`, '');
    out.push('```text', ...size.cold.tail.slice(-15), '```', '');
  }

  const good = sizes.filter((size) => size.cold.exitCode === 0);
  if (good.length > 0) {
    out.push('Targets:', '');
    for (const size of good) {
      const perArticle = size.cold.wallMs / size.articles;
      out.push(
        `- ${n(size.articles)} articles: cold build ${ms(perArticle)} ms/article, target ≤ ${targets.coldMsPerArticle}: ${met(perArticle <= targets.coldMsPerArticle)}.`,
      );
    }
    if (good.length > 1) {
      const first = good[0]!;
      const last = good[good.length - 1]!;
      const ratio = last.cold.wallMs / last.articles / (first.cold.wallMs / first.articles);
      out.push(
        `- Growth: ms/article at ${n(last.articles)} is ${n(ratio, 2)}× that at ${n(first.articles)} ` +
          `(1.00 is linear; fixed start-up costs make small corpora look dearer per article).`,
      );
    }
    const largest = sizes.find((size) => size.articles === targets.peakRssAt);
    out.push(
      largest
        ? `- Peak memory at ${n(targets.peakRssAt)} articles: ${bytes(largest.cold.usage.peakRss)}, target ≤ ${bytes(targets.peakRssBytes)}: ${met(largest.cold.exitCode === 0 && largest.cold.usage.peakRss <= targets.peakRssBytes)}.`
        : `- Peak memory at ${n(targets.peakRssAt)} articles: not measured in this run.`,
    );
    for (const size of good.filter((s) => s.articles >= targets.peakRssAt)) {
      if (size.pagefindPeakRss === undefined) continue;
      out.push(
        `- Pagefind's processes at ${n(size.articles)} articles: peak ${bytes(size.pagefindPeakRss)}, target ≤ ${bytes(targets.pagefindRssBytes)}: ${met(size.pagefindPeakRss <= targets.pagefindRssBytes)}.`,
      );
    }
    for (const size of good) {
      const bare = size.bare?.unified;
      if (!bare || bare.exitCode !== 0) continue;
      const ratio = size.cold.wallMs / bare.wallMs;
      out.push(
        `- ${n(size.articles)} articles: cold build ${n(ratio, 2)}× the bare Astro unified site's, target ≤ ${targets.coldVsBare}: ${met(ratio <= targets.coldVsBare)}.`,
      );
    }
    for (const size of good) {
      const publish = size.publish?.run;
      if (!publish || publish.exitCode !== 0 || size.articles < targets.publishAt) continue;
      const share = publish.wallMs / size.cold.wallMs;
      out.push(
        `- Publishing at ${n(size.articles)} articles: ${seconds(publish.wallMs)}, ${pct(publish.wallMs, size.cold.wallMs)} of cold; target ≤ ${seconds(targets.publishMs)} and ≤ ${n(100 * targets.publishShare)} %: ${met(publish.wallMs <= targets.publishMs && share <= targets.publishShare)}.`,
      );
    }
    out.push('');
  }
  out.push(...publishSection(sizes), ...peerBuildSection(sizes));

  out.push('### Build phases', '');
  out.push(
    'Each phase ends at a line of the build log; times are when the line reached the benchmark. ' +
      'Astro renders Markdown (and so runs the remark/rehype plugins) during content sync; a ' +
      'warm build takes rendered entries from the content cache.',
    '',
  );
  const runs = sizes.flatMap((size) => [
    { label: `cold ${n(size.articles)}`, run: size.cold },
    ...(size.warm ? [{ label: `warm ${n(size.articles)}`, run: size.warm }] : []),
    ...(size.publish ? [{ label: `publish ${n(size.articles)}`, run: size.publish.run }] : []),
  ]);
  const names = [...new Set(runs.flatMap(({ run }) => run.phases.map((phase) => phase.name)))];
  out.push(
    table(
      ['phase', ...runs.map(({ label }) => label)],
      names.map((name) => [
        name,
        ...runs.map(({ run }) => {
          const phase = run.phases.find((p) => p.name === name);
          return phase ? `${seconds(phase.ms)} (${pct(phase.ms, run.wallMs)})` : '';
        }),
      ]),
    ),
    '',
  );
  return out;
}

function publishSection(sizes: SizeResult[]): string[] {
  const rows = sizes.filter((size) => size.publish);
  if (rows.length === 0) return [];
  const out: string[] = ['### Publishing', ''];
  out.push(
    'After the cold build (and the warm one), one new article is added (the corpus’s next, ' +
      'published after every other, so it heads every newest-first list) and one paragraph of ' +
      'the middle article is corrected, with a dated correction note (`publishEdits` in ' +
      '`tests/bench/corpus.ts`). The site is rebuilt with the same cache into the same dist/. ' +
      '“Same as cold” compares that dist/ byte for byte, file by file, with a cold build of the ' +
      'same content (new cache, new output folder); `--skip-compare` leaves it out.',
    '',
  );
  out.push(
    table(
      ['articles', 'added, corrected', 'publish', 'share of cold', 'peak RSS', 'same as cold'],
      rows.map((size) => {
        const { run, edits, comparison, coldAfter } = size.publish!;
        const ok = run.exitCode === 0;
        return [
          sizeLabel(size),
          `\`${edits.added}\`, \`${edits.corrected}\``,
          ok ? seconds(run.wallMs) : `failed (exit ${run.exitCode})`,
          ok ? pct(run.wallMs, size.cold.wallMs) : '',
          bytes(run.usage.peakRss),
          comparison
            ? comparison.equal
              ? `yes (${n(comparison.files)} files)`
              : `**no**: ${n(comparison.differing)} of ${n(comparison.files)} files differ, e.g. ${comparison.differences
                  .slice(0, 3)
                  .map((file) => `\`${file}\``)
                  .join(', ')}`
            : coldAfter
              ? `not compared: the cold build failed (exit ${coldAfter.exitCode})`
              : 'not compared',
        ];
      }),
    ),
    '',
  );
  return out;
}

function peerBuildSection(sizes: SizeResult[]): string[] {
  const rows = sizes.filter((size) => size.bare || size.peerIndex);
  if (rows.length === 0) return [];
  const out: string[] = ['### Peers, same corpus, same run', ''];
  out.push(
    'Bare Astro: a site the bench writes into its temporary folder (`tests/bench/bare-astro.ts`): ' +
      'one collection through Astro’s glob loader, one page per article with its `<Content />`, ' +
      'no integrations, no plugins, no search; once with Astro’s unified processor (what the ' +
      'site builds on), once with Astro’s default, Sätteri; cold. Pagefind CLI: ' +
      '`pagefind --site dist --output-path <elsewhere>` with its defaults over the site’s built ' +
      'pages (every HTML page), the peer of the search measurements; its peak RSS is the ' +
      'Pagefind binary’s.',
    '',
  );
  const run = (value: BuildRun | undefined, cold: BuildRun) =>
    !value
      ? ''
      : value.exitCode !== 0
        ? `failed (exit ${value.exitCode})`
        : `${seconds(value.wallMs)}, ${bytes(value.usage.peakRss)} (ours ${n(cold.wallMs / value.wallMs, 2)}×)`;
  out.push(
    table(
      [
        'articles',
        'ours, cold',
        'bare Astro, unified',
        'bare Astro, Sätteri',
        'our indexing: Pagefind peak RSS',
        'Pagefind CLI over the pages',
      ],
      rows.map((size) => [
        sizeLabel(size),
        size.cold.exitCode === 0
          ? `${seconds(size.cold.wallMs)}, ${bytes(size.cold.usage.peakRss)}`
          : `failed (exit ${size.cold.exitCode})`,
        run(size.bare?.unified, size.cold),
        run(size.bare?.satteri, size.cold),
        size.pagefindPeakRss !== undefined ? bytes(size.pagefindPeakRss) : '',
        size.peerIndex
          ? size.peerIndex.exitCode === 0
            ? `${seconds(size.peerIndex.wallMs)}, ${bytes(size.peerIndex.pagefindPeakRss)}, index ${bytes(size.peerIndex.index?.bytes ?? 0)}`
            : `failed (exit ${size.peerIndex.exitCode}) after ${seconds(size.peerIndex.wallMs)}, ${bytes(size.peerIndex.pagefindPeakRss)}`
          : '',
      ]),
    ),
    '',
  );
  return out;
}

/** Geometric mean of ours ÷ peer over the queries both answered with a positive figure. */
function geomeanRatio(ours: readonly number[], peer: readonly number[]): number {
  let sum = 0;
  let count = 0;
  ours.forEach((value, i) => {
    const other = peer[i];
    if (value > 0 && other !== undefined && other > 0) {
      sum += Math.log(value / other);
      count++;
    }
  });
  return count > 0 ? Math.exp(sum / count) : Number.NaN;
}

interface SideFigures {
  cold: number[];
  complete: number[];
  bytes: number[];
  requests: number[];
  later: number[];
  laterBytes: number[];
  again: number[];
  keys: number[];
  typed: number[];
}

/** Per query: the medians of each measurement. */
function figures(side: SideSearch): SideFigures {
  return {
    cold: side.cold.map((runs) => median(runs.map((r) => r.ms))),
    // Runs from before first results were told apart from complete ones have only `ms`.
    complete: side.cold.map((runs) => median(runs.map((r) => r.completeMs ?? r.ms))),
    bytes: side.cold.map((runs) => median(runs.map((r) => r.bytes))),
    requests: side.cold.map((runs) => median(runs.map((r) => r.requests))),
    later: side.warm.first,
    laterBytes: side.warm.firstBytes,
    again: side.warm.repeat,
    keys: side.warm.keystrokes.map((keys) => median(keys)),
    typed: side.typed.map((runs) => median(runs.map((r) => r.ms))),
  };
}

/** What a fetched file is, by its name: Pagefind's bundle files have fixed suffixes. */
const categories = [
  { name: 'code (JavaScript)', test: (path: string) => /\.m?js$/.test(path) },
  { name: 'WebAssembly', test: (path: string) => /\.wasm$|wasm\.[^/]*\.pagefind$/.test(path) },
  {
    name: 'metadata (entry, meta, manifest)',
    test: (path: string) => /pagefind-entry\.json$|\.pf_meta$|manifest[^/]*\.json$/.test(path),
  },
  { name: 'filter index', test: (path: string) => /\.pf_filter$/.test(path) },
  { name: 'word index', test: (path: string) => /\.pf_index$/.test(path) },
  { name: 'fragments', test: (path: string) => /\.pf_fragment$/.test(path) },
  { name: 'other', test: () => true },
];

/** Per category: median over the queries of the first run's bytes and requests. */
function bytesByCategory(side: SideSearch): { name: string; bytes: number; requests: number }[] {
  return categories.map(({ name }) => {
    const perQuery = side.cold.map((runs) =>
      (runs[0]?.fetched ?? []).filter(
        (file) => categories.find((category) => category.test(file.path))!.name === name,
      ),
    );
    return {
      name,
      bytes: median(perQuery.map((files) => files.reduce((sum, file) => sum + file.bytes, 0))),
      requests: median(perQuery.map((files) => files.length)),
    };
  });
}

function searchSection(search: SearchResult): string[] {
  const from = search.from ? ` (run of ${search.from.date}, ${search.from.commit})` : '';
  const out: string[] = [`### Search (${n(search.articles)} articles)${from}`, ''];
  const runs = search.ours.cold[0]?.length ?? 0;
  out.push(
    `Headless Chromium, each side served from 127.0.0.1 with gzip, no throttling; ours is the ` +
      `site's header box on the article page \`${search.page}\`, the peer is Pagefind's default ` +
      'pipeline over the same pages (bare page, `search()`, `data()` of the first ten results ' +
      'with their sub-results). Both are read from the DOM (`#search-results[data-query]`), and ' +
      'measured alternately, query by query, in one browser. ' +
      `**First search**: a fresh profile loads the page; a click in the box and the query typed ` +
      'at once; from the click (focus starts loading search) to the frame after the first results ' +
      'are in the page (while older index parts still answer, the list is `aria-busy` and has no ' +
      `\`data-query\`; **complete** is when it has one); median of ${runs} runs. ` +
      '**Bytes** and **requests** are everything the ' +
      'server sent for that first search (code, workers, WebAssembly, index files, fragments), ' +
      'headers included, as transferred, counted on the server’s sockets and checked against ' +
      'the files served. **Later**: one warm page per side, each query typed at once after ' +
      'Escape cleared the box, first time (may fetch index files) and again (median of as many ' +
      `runs). **Typed**: a fresh profile, a click in the box, then one key every ` +
      `${TYPING_INTERVAL_MS} ms; from the last keystroke to the whole query's results painted ` +
      `(median of ${search.ours.typed[0]?.length ?? 0} runs). **Per key**: on the warm page, ` +
      "each key's results awaited before the next (median over the keys).",
    '',
  );
  const ours = figures(search.ours);
  const peer = search.peer ? figures(search.peer) : undefined;
  const pair = (
    format: (value: number) => string,
    a: number[],
    b: number[] | undefined,
    i: number,
  ) => (b ? `${format(a[i]!)} / ${format(b[i]!)} (${n(a[i]! / b[i]!, 2)})` : format(a[i]!));
  const typedShown = search.ours.typed.length > 0;
  const head = [
    'kind',
    'query',
    'articles / passages shown',
    'first search, ms',
    'ours complete, ms',
    'bytes',
    'requests',
    'later, first time, ms',
    'later, bytes',
    'later, again, ms',
    ...(typedShown ? ['typed, ms after last key'] : []),
    'per key, ms',
  ];
  const rows = search.queries.map((query, i) => {
    const cold = search.ours.cold[i]!;
    const peerCold = search.peer?.cold[i];
    return [
      query.kind,
      `\`${query.text}\``,
      `${n(cold[0]?.articles ?? 0)} / ${n(cold[0]?.hits ?? 0)}` +
        (peerCold ? ` (${n(peerCold[0]?.articles ?? 0)} / ${n(peerCold[0]?.hits ?? 0)})` : ''),
      pair(ms, ours.cold, peer?.cold, i),
      ms(ours.complete[i]!),
      pair(bytes, ours.bytes, peer?.bytes, i),
      peer ? `${n(ours.requests[i]!)} / ${n(peer.requests[i]!)}` : n(ours.requests[i]!),
      pair(ms, ours.later, peer?.later, i),
      peer
        ? `${bytes(ours.laterBytes[i]!)} / ${bytes(peer.laterBytes[i]!)}`
        : bytes(ours.laterBytes[i]!),
      pair(ms, ours.again, peer?.again, i),
      ...(typedShown
        ? [peer ? `${ms(ours.typed[i]!)} / ${ms(peer.typed[i]!)}` : ms(ours.typed[i]!)]
        : []),
      peer ? `${ms(ours.keys[i]!)} / ${ms(peer.keys[i]!)}` : ms(ours.keys[i]!),
    ];
  });
  if (peer) {
    out.push(
      'Each cell is ours / Pagefind’s default pipeline (ours ÷ theirs); passages shown are ours ' +
        '(theirs: results / sub-results).',
      '',
    );
  }
  out.push(table(head, rows), '');
  if (search.ours.cold[0]?.[0]?.fetched) {
    const oursBytes = bytesByCategory(search.ours);
    const peerBytes = search.peer ? bytesByCategory(search.peer) : undefined;
    out.push(
      'Where the bytes of a first search go, by file name (median over the queries of the first ' +
        'run; headers included, so the medians need not add up to the total):',
      '',
      table(
        ['files', 'ours: bytes (requests)', ...(peerBytes ? ["Pagefind's: bytes (requests)"] : [])],
        oursBytes
          .map((row, i) => [
            row.name,
            `${bytes(row.bytes)} (${n(row.requests)})`,
            ...(peerBytes ? [`${bytes(peerBytes[i]!.bytes)} (${n(peerBytes[i]!.requests)})`] : []),
          ])
          .filter((cells) => cells.slice(1).some((cell) => !cell.startsWith('0 B'))),
      ),
      '',
    );
  }
  const later = [...search.ours.warm.first, ...search.ours.warm.repeat];
  const keys = search.ours.warm.keystrokes.flat();
  out.push(
    `- Ours, first search on a cold page: median ${ms(median(ours.cold))} ms, worst query ${ms(Math.max(...ours.cold))} ms.`,
    `- Ours, later searches (query at once): median ${ms(median(later))} ms, p95 ${ms(quantile(later, 0.95))} ms, max ${ms(Math.max(...later))} ms.`,
    `- Ours, per key: median ${ms(median(keys))} ms, p95 ${ms(quantile(keys, 0.95))} ms over ${keys.length} keys.`,
  );
  if (typedShown) {
    const typed = median(ours.typed);
    const target =
      search.articles === targets.typedAt
        ? `; target ≤ ${targets.typedMs} ms at ${n(targets.typedAt)}: ${met(typed <= targets.typedMs)}`
        : '';
    out.push(
      `- Typed at ${TYPING_INTERVAL_MS} ms per key: results ${ms(typed)} ms after the last key (median over the queries)` +
        (peer ? `, Pagefind's ${ms(median(peer.typed))} ms` : '') +
        `${target}.`,
    );
  }
  if (peer) {
    const ratio = (label: string, a: number[], b: number[], limit?: number) => {
      const value = geomeanRatio(a, b);
      return (
        `- ${label}: ours ÷ Pagefind's ${n(value, 2)} (geometric mean over ${a.length} queries)` +
        (limit !== undefined ? `; target ≤ ${n(limit, 1)}: ${met(value <= limit)}.` : '.')
      );
    };
    out.push(
      ratio('First results on a cold page', ours.cold, peer.cold, targets.firstSearchRatio),
      ratio('Later searches, first time', ours.later, peer.later, targets.laterSearchRatio),
      ratio('Later searches, again', ours.again, peer.again, targets.laterSearchRatio),
      ratio('Bytes of a first search', ours.bytes, peer.bytes, targets.bytesRatio),
      ratio('Requests of a first search', ours.requests, peer.requests),
      ...(typedShown ? [ratio('Typed, after the last key', ours.typed, peer.typed)] : []),
    );
  } else if (search.peerIndex && search.peerIndex.exitCode !== 0) {
    out.push(
      `- No peer column: Pagefind's CLI failed over these pages (exit ${search.peerIndex.exitCode}, peak ${bytes(search.peerIndex.pagefindPeakRss)}).`,
    );
  }
  out.push('');
  if (search.searchPage.length > 0) {
    out.push(
      'Opening the search page with a query (`/search/?q=...`, fresh profile), from navigation start to results painted:',
      '',
    );
    out.push(
      table(
        ['query', 'ms', 'requests', 'bytes'],
        search.searchPage.map(({ query, load }) => [
          `\`${query}\``,
          ms(load.ms),
          n(load.requests),
          bytes(load.bytes),
        ]),
      ),
      '',
    );
  }
  return out;
}

function weightSection(weight: NonNullable<BenchResults['weight']>): string[] {
  const out: string[] = [`### Page weight (${n(weight.articles)}-article build)`, ''];
  out.push(
    'A fresh browser profile loads the page and waits until the network is idle. Bytes are ' +
      'headers and bodies as transferred (gzip), HTML is the document uncompressed.',
    '',
  );
  out.push(
    table(
      ['page', 'requests', 'bytes on the wire', 'HTML', 'other requests'],
      weight.pages.map(({ label, path, weight: w }) => [
        `${label} \`${path}\``,
        n(w.requests),
        bytes(w.bytes),
        bytes(w.htmlBytes),
        w.resources.length > 0 ? w.resources.map((r) => `\`${r}\``).join(', ') : 'none',
      ]),
    ),
    '',
  );
  return out;
}

function breakdownSection(breakdown: BreakdownResult): string[] {
  const { markdown, indexing, profile } = breakdown;
  const per = (value: number, count: number) => `${ms(value / count)} ms/article`;
  const out: string[] = [`### Where the time goes (${n(breakdown.articles)} articles)`, ''];
  out.push(
    `**Markdown**, rendered in the benchmark's process through Astro's unified processor ` +
      `(${n(markdown.articles)} articles, after a warm-up): without plugins ` +
      `${per(markdown.baselineMs, markdown.articles)}, with the site's plugins ` +
      `${per(markdown.withPluginsMs, markdown.articles)}.`,
    '',
  );
  out.push(
    table(
      ['plugin', 'total', 'per article', 'share of render with plugins'],
      markdown.plugins.map(({ name, ms: time }) => [
        `\`${name}\``,
        seconds(time),
        per(time, markdown.articles),
        pct(time, markdown.withPluginsMs),
      ]),
    ),
    '',
  );
  out.push(
    `**Indexing and checks**, re-run on the built dist/ (${n(indexing.pages)} pages, ` +
      `${n(indexing.records)} records):`,
    '',
    table(
      ['step', 'time', 'per article'],
      [
        ['read pages into records alone (`collectRecords`)', indexing.collectMs],
        ['the same, each record sent to Pagefind as made (start + `addRecords`)', indexing.addMs],
        ['Pagefind: `writeFiles`', indexing.writeMs],
        ['link integrity (`checkLinkIntegrity`)', indexing.linkIntegrityMs],
      ].map(([label, time]) => [
        String(label),
        seconds(Number(time)),
        per(Number(time), breakdown.articles),
      ]),
    ),
    '',
  );
  if (profile) {
    out.push(
      `**CPU profile** of a cold build's main thread (\`node --cpu-prof\`, ${seconds(profile.totalMs)} sampled` +
        (breakdown.profiledBuild ? `, build ${seconds(breakdown.profiledBuild.wallMs)} wall` : '') +
        '; the Pagefind binary and esbuild run in other processes). Inclusive time of each part ' +
        '(parts nest, so they overlap):',
      '',
      table(
        ['part', 'time', 'share'],
        profile.inclusive.map(({ part, ms: time }) => [
          part,
          seconds(time),
          pct(time, profile.totalMs),
        ]),
      ),
      '',
      'Self time by package or folder (top 15):',
      '',
      table(
        ['code', 'self time', 'share'],
        profile.self.map(({ group, ms: time }) => [
          `\`${group}\``,
          seconds(time),
          pct(time, profile.totalMs),
        ]),
      ),
      '',
    );
  }
  return out;
}

export function renderResults(results: BenchResults): string {
  const { environment: env } = results;
  const out: string[] = [START, '', '## Latest run', ''];
  out.push(
    `- Date: ${env.date}`,
    `- Command: \`${env.command}\``,
    `- Commit: ${env.commit}`,
    `- Machine: ${env.cpu}, ${env.cores} cores, ${bytes(env.memory)} RAM, ${env.os}`,
    `- Versions: ${Object.entries(env.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}`,
    `- Corpus seed: \`${env.seed}\``,
    '',
  );
  out.push(
    table(
      ['articles', 'words', 'Markdown', 'distinct words', 'generated in'],
      results.sizes.map((size) => [
        sizeLabel(size),
        n(size.words.total),
        bytes(size.markdownBytes),
        n(size.vocabulary),
        seconds(size.generateMs),
      ]),
    ),
    '',
  );
  out.push(...buildSection(results.sizes));
  for (const search of results.searches ?? []) out.push(...searchSection(search));
  if (results.weight) out.push(...weightSection(results.weight));
  if (results.breakdown) out.push(...breakdownSection(results.breakdown));
  out.push(END);
  return out.join('\n');
}

/**
 * Adds the sizes (and searches) of an earlier run that this one did not measure, marked with
 * that run's date and commit: the 100,000-article row comes from a run of its own.
 */
export function mergeResults(results: BenchResults, earlier: BenchResults): void {
  const from = { date: earlier.environment.date, commit: earlier.environment.commit };
  for (const size of earlier.sizes) {
    if (!results.sizes.some((s) => s.articles === size.articles)) {
      results.sizes.push({ ...size, from: size.from ?? from });
    }
  }
  results.sizes.sort((a, b) => a.articles - b.articles);
  for (const search of earlier.searches ?? []) {
    if (!results.searches.some((s) => s.articles === search.articles)) {
      results.searches.push({ ...search, from: search.from ?? from });
    }
  }
  results.searches.sort((a, b) => a.articles - b.articles);
}

/** The whole file: the intro kept as it is, the results part replaced. */
export function updateDocument(
  existing: string | undefined,
  intro: string,
  results: string,
): string {
  if (existing?.includes(START) && existing.includes(END)) {
    return (
      existing.slice(0, existing.indexOf(START)) +
      results +
      existing.slice(existing.indexOf(END) + END.length)
    );
  }
  return `${intro}\n${results}\n`;
}
