/**
 * Times the link check over a built dist/, each way it runs in a build, on its own:
 *
 * - without a cache (as before the check kept its scans);
 * - a cold build's check: every file parsed, its scan kept;
 * - a warm build's check with nothing changed: every scan from the cache;
 * - reading and hashing every checked file, which a warm check cannot skip.
 *
 * `node --import ./src/lib/extensionless-imports.ts tests/bench/link-check.ts <dist> [runs]`,
 * on a dist/ built for the default site address. Prints the median of `runs` (default 5).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eachLimited } from '../../src/integrations/each-limited.ts';
import { checkLinkIntegrity } from '../../src/integrations/link-integrity.ts';
import { LinkScanCache, scanCodeDigest } from '../../src/integrations/link-scan-cache.ts';
import { site } from '../../src/site.ts';

const [distArgument, runsArgument = '5'] = process.argv.slice(2);
if (!distArgument) throw new Error('usage: link-check.ts <dist> [runs]');
const distDir = resolve(distArgument);
const runs = Number(runsArgument);
const root = new URL(site.base, site.url);
const projectRoot = pathToFileURL(resolve(import.meta.dirname, '../..') + '/');
const code = scanCodeDigest(projectRoot);
if (!code) throw new Error('htmlparser2 is not installed: no scanning code digest');

const files = readdirSync(distDir, { recursive: true, encoding: 'utf8' }).filter(
  (file) => /\.(html|xml)$/.test(file) && !file.startsWith('pagefind/'),
);
const bytes = files.reduce((sum, file) => sum + readFileSync(join(distDir, file)).length, 0);
console.log(`${files.length} files checked, ${(bytes / 1e6).toFixed(1)} MB`);

async function time(task: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await task();
  return performance.now() - start;
}

/** A check as a build runs it: the cache opened, used and written back. */
async function cachedCheck(cacheDir: string): Promise<number> {
  const cache = await LinkScanCache.open(cacheDir, code!);
  const { parsed } = await checkLinkIntegrity(distDir, { root, cache });
  await cache.write();
  return parsed;
}

const times: Record<string, number[]> = { 'no cache': [], cold: [], warm: [], 'read + hash': [] };
for (let run = 0; run < runs; run++) {
  times['no cache']!.push(await time(() => checkLinkIntegrity(distDir, { root })));
  const cacheDir = mkdtempSync(join(tmpdir(), 'link-check-bench-'));
  times['cold']!.push(await time(() => cachedCheck(cacheDir)));
  times['warm']!.push(
    await time(async () => {
      if ((await cachedCheck(cacheDir)) !== 0) throw new Error('a warm check parsed files');
    }),
  );
  times['read + hash']!.push(
    await time(() =>
      eachLimited(files, 16, async (file) => {
        createHash('sha256')
          .update(await readFile(join(distDir, file)))
          .digest();
      }),
    ),
  );
  rmSync(cacheDir, { recursive: true, force: true });
}
const median = (values: number[]) => values.slice().sort((a, b) => a - b)[values.length >> 1]!;
for (const [name, values] of Object.entries(times)) {
  console.log(`${name.padEnd(12)} median ${median(values).toFixed(0)} ms`);
}
