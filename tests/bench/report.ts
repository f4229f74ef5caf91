/**
 * Turns a benchmark run into the Markdown of BENCHMARKS.md. Only the part between the
 * `bench:results` markers is rewritten; text around it is kept.
 */
import type { BuildRun, FolderSize } from './build.ts';
import type { IndexingBreakdown, MarkdownBreakdown } from './breakdown.ts';
import type {
  BenchQuery,
  ColdSearch,
  PageWeight,
  SearchPageLoad,
  WarmSearches,
} from './browser.ts';
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
  warm?: BuildRun | undefined;
  dist?: FolderSize | undefined;
  index?: FolderSize | undefined;
}

export interface SearchResult {
  articles: number;
  page: string;
  queries: BenchQuery[];
  cold: ColdSearch[][];
  warm: WarmSearches;
  searchPage: { query: string; load: SearchPageLoad }[];
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
  search?: SearchResult | undefined;
  weight?: { articles: number; pages: { label: string; path: string; weight: PageWeight }[] };
  breakdown?: BreakdownResult | undefined;
}

export const targets = {
  coldMsPerArticle: 10,
  peakRssBytes: 4 * 1024 ** 3,
  peakRssAt: 20_000,
  firstSearchMs: 200,
  laterSearchMs: 16,
  searchAt: 5_000,
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
      'and all its children, sampled every 100 ms. CPU is user + system time of the tree; ' +
      'CPU/wall above 1 means more than one core was busy.',
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
        'CPU (CPU/wall)',
        'dist/',
        'index (pagefind/)',
        'index/article',
      ],
      sizes.map((size) => {
        const perArticle = (run: BuildRun) => ms(run.wallMs / size.articles);
        const ok = size.cold.exitCode === 0;
        return [
          n(size.articles),
          `${n(size.words.median)} (${n(size.words.min)}–${n(size.words.max)})`,
          ok ? seconds(size.cold.wallMs) : `failed (exit ${size.cold.exitCode})`,
          ok ? perArticle(size.cold) : '',
          size.warm ? seconds(size.warm.wallMs) : '',
          size.warm ? perArticle(size.warm) : '',
          bytes(size.cold.usage.peakRss),
          `${seconds(size.cold.usage.cpuMs)} (${n(size.cold.usage.cpuMs / size.cold.wallMs, 2)})`,
          size.dist ? `${bytes(size.dist.bytes)} (${n(size.dist.files)} files)` : '',
          size.index ? `${bytes(size.index.bytes)} (${n(size.index.files)} files)` : '',
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
        ? `- Peak memory at ${n(targets.peakRssAt)} articles: ${bytes(largest.cold.usage.peakRss)}, target < 4 GB: ${met(largest.cold.exitCode === 0 && largest.cold.usage.peakRss < targets.peakRssBytes)}.`
        : `- Peak memory at ${n(targets.peakRssAt)} articles: not measured in this run.`,
      '',
    );
  }

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

function searchSection(search: SearchResult): string[] {
  const out: string[] = [`### Search (${n(search.articles)} articles)`, ''];
  out.push(
    `Headless Chromium, site served from 127.0.0.1 with gzip, no throttling. ` +
      `**First search**: a fresh browser profile loads the article page \`${search.page}\` and waits ` +
      'until the network is idle; then a click in the header box and the query typed at once. ' +
      'Measured from the click (focus, which starts loading search) to the frame after the ' +
      `results are in the page; median of ${search.cold[0]?.length ?? 0} runs, with the range. ` +
      '**Bytes** are everything fetched for that first search (search code, Pagefind, its ' +
      'WebAssembly, index chunks, fragments), headers included, as transferred. **Later**: ' +
      'on one page where search is loaded, each query typed at once after Escape cleared the ' +
      'box, first time (may fetch index chunks) and again (all cached; median of as many runs). ' +
      '**Per keystroke**: the ' +
      'query typed one key at a time, each keystroke to its results painted (median / max).',
    '',
  );
  const rows = search.queries.map((query, i) => {
    const cold = search.cold[i]!;
    const times = cold.map((c) => c.ms);
    const keys = search.warm.keystrokes[i] ?? [];
    return [
      query.kind,
      `\`${query.text}\``,
      `${n(cold[0]?.articles ?? 0)} / ${n(cold[0]?.hits ?? 0)}`,
      `${ms(median(times))} (${ms(Math.min(...times))}–${ms(Math.max(...times))})`,
      bytes(median(cold.map((c) => c.bytes))),
      n(median(cold.map((c) => c.requests))),
      ms(search.warm.first[i]!),
      bytes(search.warm.firstBytes[i]!),
      ms(search.warm.repeat[i]!),
      keys.length > 0 ? `${ms(median(keys))} / ${ms(Math.max(...keys))}` : '',
    ];
  });
  out.push(
    table(
      [
        'kind',
        'query',
        'articles / passages shown',
        'first search, ms',
        'bytes for first search',
        'requests',
        'later, first time, ms',
        'later, bytes',
        'later, again, ms',
        'per keystroke, ms',
      ],
      rows,
    ),
    '',
  );
  const cold = search.cold.map((runs) => median(runs.map((run) => run.ms)));
  const later = [...search.warm.first, ...search.warm.repeat];
  const keys = search.warm.keystrokes.flat();
  const worstCold = Math.max(...cold);
  out.push(
    `- First search on a cold page: median ${ms(median(cold))} ms, worst query ${ms(worstCold)} ms; ` +
      `target ≤ ${targets.firstSearchMs} ms: ${met(worstCold <= targets.firstSearchMs)}.`,
    `- Later searches (query at once): median ${ms(median(later))} ms, p95 ${ms(quantile(later, 0.95))} ms, ` +
      `max ${ms(Math.max(...later))} ms; target ≤ ${targets.laterSearchMs} ms: ${met(quantile(later, 0.95) <= targets.laterSearchMs)} (p95).`,
    `- Per keystroke: median ${ms(median(keys))} ms, p95 ${ms(quantile(keys, 0.95))} ms, max ${ms(Math.max(...keys))} ms ` +
      `over ${keys.length} keystrokes; target ≤ ${targets.laterSearchMs} ms: ${met(quantile(keys, 0.95) <= targets.laterSearchMs)} (p95).`,
    '',
  );
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
        n(size.articles),
        n(size.words.total),
        bytes(size.markdownBytes),
        n(size.vocabulary),
        seconds(size.generateMs),
      ]),
    ),
    '',
  );
  out.push(...buildSection(results.sizes));
  if (results.search) out.push(...searchSection(results.search));
  if (results.weight) out.push(...weightSection(results.weight));
  if (results.breakdown) out.push(...breakdownSection(results.breakdown));
  out.push(END);
  return out.join('\n');
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
