/**
 * The search peer: Pagefind's default pipeline over the same built pages. The Pagefind CLI,
 * with its defaults, indexes the site's dist/ into a folder of its own (the site's own index is
 * left alone), and a bare page with no framework, written beside it, works as Pagefind's
 * Default UI does: loads pagefind.js when the box gets focus, calls `search(term)` on input,
 * awaits `data()` of the results shown and renders them with their sub-results. It shows ten
 * results with all their sub-results (the Default UI's own defaults show five, sub-results
 * off), so both sides fetch the fragments of ten articles.
 *
 * The page marks its list as the site's does (`#search-results`, `data-query="term|"`, one
 * `.search-hit` per sub-result), so the bench measures both from the DOM the same way.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runWatched, type TreeUsage } from './proctree.ts';

export interface PeerIndex {
  exitCode: number;
  wallMs: number;
  usage: TreeUsage;
  /** The folder to serve: the bare page at `/`, Pagefind's bundle at `/pagefind/`. */
  dir: string;
  /** The last lines of Pagefind's output, to show when it failed. */
  tail: string[];
}

/** Runs `pagefind --site <dist> --output-path <dir>/pagefind` and writes the bare page. */
export async function buildPeerIndex(
  projectRoot: string,
  distDir: string,
  dir: string,
): Promise<PeerIndex> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), barePage);
  const cli = join(projectRoot, 'node_modules/pagefind/lib/runner/bin.cjs');
  const tail: string[] = [];
  const { exitCode, wallMs, usage } = await runWatched(
    [cli, '--site', distDir, '--output-path', join(dir, 'pagefind')],
    {
      cwd: dir,
      logFile: join(dir, 'pagefind.log'),
      onLine: (line) => {
        tail.push(line);
        if (tail.length > 20) tail.shift();
      },
    },
  );
  return { exitCode, wallMs, usage, dir, tail };
}

/**
 * The bare page. What Pagefind's Default UI does, minus its 300 ms debounce (which would only
 * add to the peer's times): start loading on focus, search on input, show the first ten
 * results with every sub-result. One search runs at a time: keys typed meanwhile are searched
 * together when it ends, and a result already replaced by newer keys is not shown (searches
 * queued one per key would wait behind each other, since `search()` cannot be cancelled). Its
 * icon is inline, so the browser's request for /favicon.ico does not land in a measurement.
 */
const barePage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pagefind default pipeline</title>
<link rel="icon" href="data:,">
</head>
<body>
<input id="search-input" type="search" aria-label="Search" autocomplete="off">
<p id="search-status"></p>
<ol id="search-results"></ol>
<script type="module">
const input = document.getElementById('search-input');
const list = document.getElementById('search-results');
const status = document.getElementById('search-status');
let loading;
const load = () => (loading ??= import('/pagefind/pagefind.js').then(async (pagefind) => {
  await pagefind.init();
  return pagefind;
}));
input.addEventListener('focus', () => void load(), { once: true });
const element = (tag, attributes, text) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
};
const excerpt = (html) => {
  const node = element('p', {});
  node.innerHTML = html;
  return node;
};
// One search at a time; keys typed meanwhile are searched together when it ends.
let busy = false;
let again = false;
async function searchOnce() {
  again = false;
  const term = input.value;
  if (!term.trim()) {
    list.replaceChildren();
    list.dataset.query = '';
    status.textContent = '';
    return;
  }
  const pagefind = await load();
  const search = await pagefind.search(term);
  if (again) return;
  const results = await Promise.all(search.results.slice(0, 10).map((result) => result.data()));
  if (again) return;
  list.replaceChildren(...results.map((data) => {
    const item = element('li', {});
    const link = element('a', { href: data.url }, data.meta.title ?? data.url);
    item.append(link, excerpt(data.excerpt));
    const hits = element('ul', {});
    for (const sub of data.sub_results) {
      const hit = element('li', { class: 'search-hit' });
      hit.append(element('a', { href: sub.url }, sub.title), excerpt(sub.excerpt));
      hits.append(hit);
    }
    item.append(hits);
    return item;
  }));
  status.textContent = search.results.length + ' results';
  list.dataset.query = term + '|';
}
async function run() {
  if (busy) {
    again = true;
    return;
  }
  busy = true;
  try {
    do await searchOnce();
    while (again);
  } finally {
    busy = false;
  }
}
input.addEventListener('input', () => void run());
input.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    input.value = '';
    void run();
  }
});
</script>
</body>
</html>
`;
