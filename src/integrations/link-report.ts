import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { formatLinkReport, linkReport } from '../lib/link-report';

/**
 * Ends `astro build` with the link report (src/lib/link-report.ts) against an earlier build:
 *
 * - the folder in `LINK_REPORT_SINCE`, when set (a copy of the deployed site, say);
 * - otherwise the article pages the output folder held before this build, which Astro empties
 *   as it starts: they are kept aside first, as hard links (no copy of the bytes), in the cache
 *   folder, and dropped once reported. A build that fails keeps them for the next one.
 *
 * A first build, or one into a fresh folder, has no earlier build and prints nothing.
 */
export default function linkReportIntegration(): AstroIntegration {
  let outDir = '';
  let keptDir = '';
  return {
    name: 'link-report',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        keptDir = join(fileURLToPath(config.cacheDir), 'link-report', 'previous-build');
      },
      'astro:build:start': async () => {
        if (process.env['LINK_REPORT_SINCE']) return;
        const articles = join(outDir, 'articles');
        if (!existsSync(articles)) return;
        await rm(keptDir, { recursive: true, force: true });
        await keepAside(articles, join(keptDir, 'articles'));
      },
      'astro:build:done': async ({ logger }) => {
        const since = process.env['LINK_REPORT_SINCE'];
        const earlier = since ? resolve(since) : keptDir;
        if (!existsSync(earlier)) {
          if (since) logger.warn(`LINK_REPORT_SINCE=${since}: no such folder, no link report`);
          return;
        }
        const reports = await linkReport(earlier, outDir);
        logger.info(`\n${formatLinkReport(reports, since ?? 'the previous build')}`);
        if (!since) await rm(keptDir, { recursive: true, force: true });
      },
    },
  };
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
