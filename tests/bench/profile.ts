/**
 * Reads the V8 CPU profile (`node --cpu-prof`) of a build and says where its main thread spent
 * its time: self time by package or source folder, and inclusive time in the parts of the build
 * that matter here (the site's Markdown plugins, indexing, link checking, Vite, Astro's content
 * layer). The Pagefind binary and esbuild are separate processes and do not appear.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  /** Sampled time of the main thread, in ms. */
  totalMs: number;
  /** Self time by package (node_modules), source folder (src/...), Node internals, GC. */
  self: { group: string; ms: number }[];
  /** Time with a frame of each part anywhere on the stack (parts overlap). */
  inclusive: { part: string; ms: number }[];
}

/** Where a frame's code lives, e.g. `rehype-raw`, `src/markdown`, `(garbage collector)`. */
function groupOf({ functionName, url }: ProfileNode['callFrame']): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const inPackage = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1]!;
  const inSource = /\/(src\/(?:[^/]+\/)?)[^/]*$/.exec(url);
  if (inSource) return inSource[1]!.replace(/\/$/, '');
  if (url.startsWith('node:')) return 'Node.js internals';
  return url.replace(/^file:\/\//, '');
}

/** Parts of the build, by the code on the stack; the first matching frame names it. */
const parts: { part: string; pattern: RegExp }[] = [
  { part: 'Markdown: the site’s plugins (src/markdown/*)', pattern: /\/src\/markdown\// },
  {
    part: 'Markdown: plugin packages (rehype-raw, -sanitize, -slug, -autolink-headings)',
    pattern: /node_modules\/(rehype-raw|rehype-sanitize|rehype-slug|rehype-autolink-headings)\//,
  },
  {
    part: 'Markdown: whole render (@astrojs/markdown-remark)',
    pattern: /@astrojs\/markdown-remark\//,
  },
  { part: 'Content layer (astro/dist/content)', pattern: /astro\/dist\/content\// },
  { part: 'Search index integration', pattern: /src\/integrations\/search-index/ },
  { part: 'Search records (parse pages)', pattern: /src\/integrations\/search-records/ },
  { part: 'Link integrity', pattern: /src\/integrations\/link-(integrity|scan)/ },
  { part: 'Pagefind Node API (IPC to its binary)', pattern: /node_modules\/pagefind\// },
  { part: 'Rendering pages (astro/dist/core/build)', pattern: /astro\/dist\/core\/build\// },
  { part: 'Vite / Rolldown', pattern: /node_modules\/(vite|rolldown|@rolldown)\// },
  { part: 'Sitemap', pattern: /@astrojs\/sitemap\// },
];

export function summariseProfile(file: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);

  /** The parts on each node's stack, computed once per node from its parent's. */
  const partsOf = new Map<number, Set<string>>();
  const stackParts = (id: number): Set<string> => {
    const known = partsOf.get(id);
    if (known) return known;
    const chain: number[] = [];
    let at: number | undefined = id;
    while (at !== undefined && !partsOf.has(at)) {
      chain.push(at);
      at = parent.get(at);
    }
    let set = at === undefined ? new Set<string>() : partsOf.get(at)!;
    for (const node of chain.reverse()) {
      const url = byId.get(node)!.callFrame.url;
      const match = parts.find(({ pattern }) => pattern.test(url));
      if (match && !set.has(match.part)) set = new Set([...set, match.part]);
      partsOf.set(node, set);
    }
    return set;
  };

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const group = groupOf(byId.get(id)!.callFrame);
    self.set(group, (self.get(group) ?? 0) + ms);
    for (const part of stackParts(id)) inclusive.set(part, (inclusive.get(part) ?? 0) + ms);
  });
  const sorted = <K extends string>(map: Map<string, number>, key: K) =>
    [...map]
      .sort(([, a], [, b]) => b - a)
      .map(([name, ms]) => ({ [key]: name, ms }) as { [P in K]: string } & { ms: number });
  return {
    file,
    totalMs: total,
    self: sorted(self, 'group').slice(0, 15),
    inclusive: sorted(inclusive, 'part'),
  };
}

/** The largest profile in `dir`: the build's main process (other Node processes are small). */
export function mainProfile(dir: string): string | undefined {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(dir, name));
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
}
