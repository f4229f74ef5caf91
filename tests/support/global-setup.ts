import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { projectRoot } from './paths';

/**
 * One temporary folder for a test run, removed when the run ends: the tests' temporary sites,
 * dev servers and browser profiles go under it (`TMPDIR`, which the test workers and every
 * process they start inherit), and so do the output folders the temporary builds keep inside
 * the project (`temporaryBuildsDir`). Without it, every run left a hundred sites behind.
 */
export default function setup(): () => void {
  const previous = process.env['TMPDIR'];
  const root = mkdtempSync(join(tmpdir(), 'news-reader-tests-'));
  process.env['TMPDIR'] = root;
  return () => {
    rmSync(root, { recursive: true, force: true });
    rmSync(temporaryBuildsDir(root), { recursive: true, force: true });
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
  };
}

/**
 * Where a run's temporary builds write their output: inside the project, because Astro writes
 * its prerender chunks beside an output folder within the working directory (see build.ts),
 * and named after the run's temporary folder so that the run's end removes it.
 */
export function temporaryBuildsDir(runRoot = tmpdir()): string {
  return join(projectRoot, 'node_modules/.cache/temporary-builds', basename(runRoot));
}
