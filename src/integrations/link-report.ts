import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { articlePages, formatLinkReport, linkReport } from '../lib/link-report';
import { digestOf, knownDigest } from './built-files';

/**
 * Ends `astro build` with the link report (src/lib/link-report.ts) against an earlier build:
 *
 * - the folder in `LINK_REPORT_SINCE`, when set (a copy of the deployed site, say);
 * - otherwise the article pages the output folder held before this build, which Astro empties
 *   as it starts: they are kept aside first, as hard links (no copy of the bytes), in the cache
 *   folder, and dropped once reported. A build that fails keeps them for the next one.
 *
 * A first build, or one into a fresh folder, has no earlier build and prints nothing.
 *
 * Each build keeps its article pages' digests (`pages.json`; the search index has read and
 * hashed the pages already, `built-files.ts`), so the next one reads only the pages whose bytes
 * changed, not the whole archive twice. A build that fails leaves none: the next compares all.
 */
export default function linkReportIntegration(): AstroIntegration {
  let outDir = '';
  let keptDir = '';
  let digestsFile = '';
  /** The earlier build's article pages, by path, with their digests. */
  let earlierDigests = new Map<string, string>();
  return {
    name: 'link-report',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        keptDir = join(fileURLToPath(config.cacheDir), 'link-report', 'previous-build');
        digestsFile = join(fileURLToPath(config.cacheDir), 'link-report', 'pages.json');
      },
      'astro:build:start': async () => {
        earlierDigests = await readDigests(digestsFile);
        await rm(digestsFile, { force: true });
        if (process.env['LINK_REPORT_SINCE']) return;
        const articles = join(outDir, 'articles');
        if (!existsSync(articles)) return;
        await rm(keptDir, { recursive: true, force: true });
        await keepAside(articles, join(keptDir, 'articles'));
      },
      'astro:build:done': async ({ logger }) => {
        const since = process.env['LINK_REPORT_SINCE'];
        const earlier = since ? resolve(since) : keptDir;
        const digests = await pageDigests(outDir);
        if (existsSync(earlier)) {
          // Another folder's pages are not the ones the digests were kept from.
          const unchanged = (path: string) =>
            !since &&
            earlierDigests.get(path) !== undefined &&
            earlierDigests.get(path) === digests.get(path);
          const reports = await linkReport(earlier, outDir, unchanged);
          logger.info(`\n${formatLinkReport(reports, since ?? 'the previous build')}`);
          if (!since) await rm(keptDir, { recursive: true, force: true });
        } else if (since) logger.warn(`LINK_REPORT_SINCE=${since}: no such folder, no link report`);
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
  const digests = new Map<string, string>();
  for (const path of await articlePages(dist)) {
    const file = join(dist, path, 'index.html');
    digests.set(path, (await knownDigest(file)) ?? digestOf(await readFile(file)));
  }
  return digests;
}

/** Hard-links every file of `from` into `to` (copies it where links are refused). */
async function keepAside(from: string, to: string): Promise<void> {
  for (const file of await readdir(from, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.html')) continue;
    const target = join(to, file);
    await mkdir(dirname(target), { recursive: true });
    await link(join(from, file), target).catch(() => copyFile(join(from, file), target));
  }
}
