/**
 * Leaves an incremental build's unchanged pages in place, so that a page file's stamp
 * (`file-stamp.ts`) can stand for its bytes from one build to the next.
 *
 * By default Astro empties dist/ before a build and copies each page it keeps back from its cache,
 * so every page file is new and must be read and hashed to learn that it did not change: 20,000
 * pages on every publish. Astro does not empty dist/ when Vite's `build.emptyOutDir` is false,
 * and then keeps a page that is already in dist/ where it is (`astro/dist/core/build/generate.js`,
 * pinned by tests/build/warm-build.test.ts). That is only right on a dist/ that the last build
 * with this cache left as it was, so:
 *
 * - at `astro:build:start`, when every page in dist/ still has the stamp the ledger of the last
 *   build says, everything but the pages is removed (all of it is made again: bundles, copies,
 *   the index); otherwise everything is, as Astro would;
 * - when the pages are written (`first`, before any integration reads them), each page the build
 *   did not make (a removed article's, say) is removed;
 * - at the very end (`last`), the ledger is written: each page's stamp, with its digest where
 *   this build took one (`built-files.ts`), so that the next build knows it unread.
 *
 * A build that fails leaves no ledger, so the next one starts from an empty dist/.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { knownDigests, rememberDigests } from './built-files';
import { eachLimited } from './each-limited';
import { stampOf } from './file-stamp';

/** A page in dist/ by its path, with its stamp and, when known, its digest. */
type LedgerEntry = [page: string, stamp: string, digest: string | null];

interface Ledger {
  outDir: string;
  pages: LedgerEntry[];
}

/** Everything under a folder (a top-level `.git` left out), as absolute paths. */
interface Listing {
  files: string[];
  folders: string[];
}

async function listUnder(dir: string): Promise<Listing> {
  const listing: Listing = { files: [], folders: [] };
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return listing;
  }
  const git = join(dir, '.git');
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    if (path === git || path.startsWith(git + sep)) continue;
    (entry.isDirectory() ? listing.folders : listing.files).push(path);
  }
  return listing;
}

/** The `.html` files of a listing of `dir`, as paths relative to it with `/`, sorted. */
function pagesOf(dir: string, { files }: Listing): string[] {
  return files
    .filter((file) => file.endsWith('.html'))
    .map((file) => relative(dir, file).split(sep).join('/'))
    .sort();
}

async function readLedger(file: string, outDir: string): Promise<Ledger | undefined> {
  try {
    const ledger = JSON.parse(await readFile(file, 'utf8')) as Ledger;
    return ledger.outDir === outDir && Array.isArray(ledger.pages) ? ledger : undefined;
  } catch {
    return undefined;
  }
}

/** File system calls at once: enough to keep the disk busy, few enough for any open-file limit. */
const AT_ONCE = 64;

/**
 * Whether dist/ holds exactly the pages the ledger names (`pages`, as `pagesOf` lists them),
 * each with the stamp it had then: then nothing but the last build touched them.
 */
async function unchangedSince(ledger: Ledger, outDir: string, pages: string[]): Promise<boolean> {
  if (pages.length !== ledger.pages.length) return false;
  if (ledger.pages.some(([page], i) => pages[i] !== page)) return false;
  let same = true;
  await eachLimited(ledger.pages, AT_ONCE, async ([page, stamp]) => {
    if (same && (await stampOf(join(outDir, page)))?.stamp !== stamp) same = false;
  });
  return same;
}

/**
 * Removes what `listing` found under `dir` but the files in `kept`, and the folders left empty.
 * A folder that holds no kept file is moved whole into `trash` (a folder on the same file
 * system, emptied while the build goes on), so that the tens of thousands of index files a build
 * makes again cost one rename here; the rest are removed one by one.
 */
async function removeUnder(
  dir: string,
  listing: Listing,
  kept: ReadonlySet<string>,
  trash: string,
): Promise<void> {
  /** The folders gone through file by file: those that hold a kept file, and `dir`. */
  const opened = new Set([dir]);
  for (const file of kept) {
    let folder = dirname(file);
    for (; folder.startsWith(dir + sep) && !opened.has(folder); folder = dirname(folder)) {
      opened.add(folder);
    }
  }
  let moved = 0;
  // Shallowest first: a folder moved away takes the folders under it along.
  for (const folder of [...listing.folders].sort((a, b) => a.length - b.length)) {
    if (opened.has(folder) || !opened.has(dirname(folder))) continue;
    await mkdir(trash, { recursive: true });
    const movedAway = await rename(folder, join(trash, String(moved++))).then(
      () => true,
      () => false,
    );
    // On another file system: removed file by file.
    if (!movedAway) opened.add(folder);
  }
  const files = listing.files.filter((file) => opened.has(dirname(file)) && !kept.has(file));
  await eachLimited(files, AT_ONCE, (file) => rm(file, { force: true }));
  // Deepest first, so that a folder's emptied folders are gone before it is tried.
  const folders = [...opened].filter((folder) => folder !== dir);
  folders.sort((a, b) => b.length - a.length);
  for (const folder of folders) await rmdir(folder).catch(() => {});
}

export function keptOutput(): { first: AstroIntegration; last: AstroIntegration } {
  let outDir = '';
  let ledgerFile = '';
  /** Where what a build makes again is moved before it is removed. */
  let trashRoot = '';
  let emptying: Promise<void> = Promise.resolve();
  /** Each page's stamp when the build started, for those left in place. */
  let stampsAtStart = new Map<string, string>();
  const first: AstroIntegration = {
    name: 'kept-output',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { build: { emptyOutDir: false } } });
      },
      'astro:config:done': ({ config }) => {
        outDir = resolve(fileURLToPath(config.outDir));
        const name = createHash('sha256').update(outDir).digest('hex').slice(0, 16);
        ledgerFile = join(fileURLToPath(config.cacheDir), 'kept-output', `${name}.json`);
        trashRoot = join(fileURLToPath(config.cacheDir), 'kept-output', 'trash');
      },
      'astro:build:start': async ({ logger }) => {
        const ledger = await readLedger(ledgerFile, outDir);
        // From here until the build ends, dist/ is not what the ledger says.
        await rm(ledgerFile, { force: true });
        stampsAtStart = new Map();
        // Whatever a failed build left in the trash goes with this build's.
        const trash = join(trashRoot, randomUUID());
        const listing = await listUnder(outDir);
        if (ledger && (await unchangedSince(ledger, outDir, pagesOf(outDir, listing)))) {
          const kept = new Set(ledger.pages.map(([page]) => join(outDir, page)));
          await removeUnder(outDir, listing, kept, trash);
          rememberDigests(
            ledger.pages.flatMap(([page, stamp, digest]) =>
              digest ? [{ file: join(outDir, page), stamp, digest }] : [],
            ),
          );
          for (const [page, stamp] of ledger.pages) stampsAtStart.set(join(outDir, page), stamp);
          logger.info(`${ledger.pages.length} pages of the last build left in place`);
        } else {
          await removeUnder(outDir, listing, new Set(), trash);
        }
        // Emptied while the build goes on (Vite's bundle is mostly work for the processor, this
        // for the disk); the build waits for it before it ends.
        emptying = rm(trashRoot, { recursive: true, force: true });
        emptying.catch(() => {});
      },
      'astro:build:done': async ({ assets }) => {
        // What this build made; a page it made in place has the stamp it had, so both count.
        const made = new Set<string>();
        for (const urls of assets.values()) for (const url of urls) made.add(fileURLToPath(url));
        const stale = async (file: string) =>
          !made.has(file) && (await stampOf(file))?.stamp === stampsAtStart.get(file);
        await eachLimited([...stampsAtStart.keys()], AT_ONCE, async (file) => {
          if (!(await stale(file))) return;
          await rm(file, { force: true });
          await removeEmptyParents(dirname(file), outDir);
        });
      },
    },
  };
  const last: AstroIntegration = {
    name: 'kept-output-ledger',
    hooks: {
      'astro:build:done': async () => {
        await emptying;
        const digests = knownDigests();
        const found = pagesOf(outDir, await listUnder(outDir));
        const entries: (LedgerEntry | undefined)[] = new Array(found.length);
        await eachLimited([...found.keys()], AT_ONCE, async (i) => {
          const file = join(outDir, found[i]!);
          const stamped = await stampOf(file);
          if (!stamped) return;
          const known = digests.get(file);
          const digest = known?.stamp === stamped.stamp ? known.digest : null;
          entries[i] = [found[i]!, stamped.stamp, digest];
        });
        const pages = entries.filter((entry) => entry !== undefined);
        await mkdir(dirname(ledgerFile), { recursive: true });
        await writeFile(ledgerFile, JSON.stringify({ outDir, pages } satisfies Ledger));
      },
    },
  };
  return { first, last };
}

/** Removes `dir` and its parents up to (not including) `root` while they are empty. */
async function removeEmptyParents(dir: string, root: string): Promise<void> {
  while (dir.startsWith(root + sep)) {
    try {
      await rmdir(dir);
    } catch {
      return;
    }
    dir = dirname(dir);
  }
}
