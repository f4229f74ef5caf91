import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { temporaryBuildsDir } from './global-setup';
import { projectRoot } from './paths';

export interface TemporaryBuild {
  exitCode: number;
  /** Everything the build printed, stdout and stderr together, without colour codes. */
  output: string;
  contentDir: string;
  distDir: string;
}

/**
 * Builds the real site with Astro over a temporary content folder (`CONTENT_DIR`), into a
 * temporary output folder, and reports how it went. The project's own content and dist/ are
 * untouched.
 */
export async function buildTemporarySite(
  files: Record<string, string | Uint8Array>,
  env: Record<string, string> = {},
): Promise<TemporaryBuild> {
  const root = mkdtempSync(join(tmpdir(), 'news-reader-site-'));
  const contentDir = join(root, 'content');
  // Inside the project: Astro writes its prerender chunks beside an output folder within the
  // working directory, and under the project's own .astro/ for one outside it, which builds
  // running at once would share.
  const outputs = temporaryBuildsDir();
  mkdirSync(outputs, { recursive: true });
  const distDir = join(mkdtempSync(join(outputs, 'build-')), 'dist');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(contentDir, path)), { recursive: true });
    writeFileSync(join(contentDir, path), text);
  }
  mkdirSync(join(contentDir, 'articles'), { recursive: true });
  return buildAgain({ contentDir, distDir }, env);
}

/**
 * Builds a temporary site again, after its content was changed, into the same output folder
 * (so the build sees the one before it, as an editor's next build does).
 */
export async function buildAgain(
  { contentDir, distDir }: Pick<TemporaryBuild, 'contentDir' | 'distDir'>,
  env: Record<string, string> = {},
): Promise<TemporaryBuild> {
  const astro = join(projectRoot, 'node_modules/astro/bin/astro.mjs');
  const child = spawn(process.execPath, [astro, 'build', '--outDir', distDir], {
    cwd: projectRoot,
    env: {
      // Without what Vitest puts in the environment (BASE_URL, MODE, ...): Astro would read it.
      ...Object.fromEntries(
        Object.entries(process.env).filter(
          ([name]) => !/^(BASE_URL|MODE|DEV|PROD|SSR|VITEST.*|TEST)$/.test(name),
        ),
      ),
      ASTRO_TELEMETRY_DISABLED: '1',
      CONTENT_DIR: contentDir,
      CACHE_DIR: join(dirname(contentDir), 'cache'),
      ...env,
    },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitCode = await new Promise<number>((resolve) =>
    child.on('close', (code) => resolve(code ?? 1)),
  );
  // Astro colours its messages whenever colour is forced from outside (as under CI): the codes
  // would split "tags.1: expected text" into pieces.
  return { exitCode, output: stripVTControlCharacters(output), contentDir, distDir };
}
