/**
 * `npm run link-report -- --since <folder of an earlier build> [--dist <this build>]`
 *
 * Lists, for every article whose paragraphs or sections changed since the earlier build, each
 * old link and where it now lands (see src/lib/link-report.ts). It informs and never blocks:
 * it exits 0 whatever it finds. `--json` prints the report as JSON.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatLinkReport, linkReport } from '../lib/link-report.ts';

const usage =
  'usage: npm run link-report -- --since <folder of an earlier build> [--dist <folder>] [--json]';

let options;
try {
  options = parseArgs({
    options: {
      since: { type: 'string' },
      dist: { type: 'string', default: 'dist' },
      json: { type: 'boolean', default: false },
    },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const { since, dist, json } = options;
if (!since) {
  console.error(
    `--since is missing: which earlier build should this one be compared with?\n${usage}`,
  );
  process.exit(2);
}
for (const [name, folder] of [
  ['--since', since],
  ['--dist', dist],
] as const) {
  if (!existsSync(folder)) {
    console.error(
      `${name} ${folder}: no such folder${name === '--dist' ? ' (run npm run build first)' : ''}`,
    );
    process.exit(2);
  }
}
const reports = await linkReport(resolve(since), resolve(dist));
console.log(json ? JSON.stringify(reports, null, 2) : formatLinkReport(reports, since));
