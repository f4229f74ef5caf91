import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { articlePages, formatLinkReport, linkReport } from '../lib/link-report';
import { knownDigest, readDigested } from './built-files';
import { eachLimited } from './each-limited';

/**
 * Ends `astro build` with the link report (src/lib/link-report.ts) against an earlier build:
 *
 * - the folder in `LINK_REPORT_SINCE`, when set (a copy of the deployed site, say);
 * - otherwise the last build's article pages, as this integration keeps them in the cache
 *   folder (`pages/`): a copy of each, made when its bytes changed. (Not hard links: an
 *   incremental build writes a changed page over the file it leaves in place, `kept-output.ts`,
 *   and a link would change with it.)
 *
 * A first build has no earlier build and prints nothing.
 *
 * Each build keeps its article pages' digests (`pages.json`; the search index has read and
 * hashed the pages, or knew them from the last build, `built-files.ts`), so a build reads and
 * copies only the pages whose bytes changed, not the whole archive. The digests and the copies
 * are replaced only once the build is done: one that fails keeps the last ones for the next.
 */
export default function linkReportIntegration(): AstroIntegration {
  let outDir = '';
  let cacheDir = '';
  let keptDir = '';
  let digestsFile = '';
  /** The earlier build's article pages, by path, with their digests. */
  let earlierDigests = new Map<string, string>();
  return {
    name: 'link-report',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        cacheDir = join(fileURLToPath(config.cacheDir), 'link-report');
        keptDir = join(cacheDir, 'pages');
        digestsFile = join(cacheDir, 'pages.json');
      },
      'astro:build:start': async () => {
        // The hard links older versions kept aside.
        await rm(join(cacheDir, 'previous-build'), { recursive: true, force: true });
        earlierDigests = existsSync(keptDir) ? await readDigests(digestsFile) : new Map();
      },
      'astro:build:done': async ({ logger }) => {
        const since = process.env['LINK_REPORT_SINCE'];
        const digests = await pageDigests(outDir);
        const unchanged = (path: string) =>
          earlierDigests.get(path) !== undefined && earlierDigests.get(path) === digests.get(path);
        if (since) {
          if (existsSync(resolve(since))) {
            const reports = await linkReport(resolve(since), outDir);
            logger.info(`\n${formatLinkReport(reports, since)}`);
          } else logger.warn(`LINK_REPORT_SINCE=${since}: no such folder, no link report`);
        } else if (earlierDigests.size > 0) {
          const reports = await linkReport(keptDir, outDir, unchanged);
          logger.info(`\n${formatLinkReport(reports, 'the previous build')}`);
        }
        // Without the digests, the copies are not known to be the last build's: a build stopped
        // while copying leaves none, and the next one copies every page again.
        await rm(digestsFile, { force: true });
        if (earlierDigests.size === 0) await rm(keptDir, { recursive: true, force: true });
        for (const path of earlierDigests.keys()) {
          if (!digests.has(path)) await rm(join(keptDir, path), { recursive: true, force: true });
        }
        for (const path of digests.keys()) {
          if (unchanged(path)) continue;
          await mkdir(join(keptDir, path), { recursive: true });
          await copyFile(join(outDir, path, 'index.html'), join(keptDir, path, 'index.html'));
        }
        await mkdir(dirname(digestsFile), { recursive: true });
        await writeFile(digestsFile, JSON.stringify(Object.fromEntries(digests)));
      },
    },
  };
}

/** The digests a build kept of its article pages, by path; none if it kept none. */
async function readDigests(file: string): Promise<Map<string, string>> {
  try {
    return new Map(
      Object.entries(JSON.parse(await readFile(file, 'utf8')) as Record<string, string>),
    );
  } catch {
    return new Map();
  }
}

/** Each article page of `dist` by its path (`articles/<id>/`), with the digest of its bytes. */
async function pageDigests(dist: string): Promise<Map<string, string>> {
  const paths = await articlePages(dist);
  const digests = new Array<string>(paths.length);
  await eachLimited([...paths.keys()], 64, async (i) => {
    const file = join(dist, paths[i]!, 'index.html');
    digests[i] = (await knownDigest(file)) ?? (await readDigested(file)).digest;
  });
  return new Map(paths.map((path, i) => [path, digests[i]!]));
}
