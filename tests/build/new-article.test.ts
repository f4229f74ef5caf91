import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STILL_TO_WRITE } from '../../src/content/still-to-write';
import { buildTemporarySite } from '../support/build';
import { projectRoot } from '../support/paths';

/** Runs `npm run new -- <headline>` (its command, as package.json gives it) over `contentDir`. */
function runNew(contentDir: string, headline: string) {
  return spawnSync(
    process.execPath,
    ['--import', './src/lib/extensionless-imports.ts', 'src/cli/new-article.ts', headline],
    { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, CONTENT_DIR: contentDir } },
  );
}

describe('npm run new -- "Headline"', () => {
  it('starts an article that builds at once, and the build warns until it is written', async () => {
    const contentDir = mkdtempSync(join(tmpdir(), 'new-article-'));
    mkdirSync(join(contentDir, 'articles'));
    const made = runNew(contentDir, 'Grain corridor reopens at Odesa');
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toContain('grain-corridor-reopens-at-odesa.md created');
    const file = join(contentDir, 'articles', 'grain-corridor-reopens-at-odesa.md');
    const draft = readFileSync(file, 'utf8');

    const again = runNew(contentDir, 'Grain corridor reopens at Odesa');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(readFileSync(file, 'utf8')).toBe(draft);

    const written = draft
      .replace(`${STILL_TO_WRITE} One sentence that says what the story is.`, 'Ships sail again.')
      .replace(/\[TO WRITE\][\s\S]*$/, 'The first freighter left port at dawn.\n');
    const build = await buildTemporarySite({
      'articles/grain-corridor-reopens-at-odesa.md': draft,
      'articles/written.md': written,
    });
    expect(build.exitCode, build.output).toBe(0);
    expect(build.output).toMatch(
      /grain-corridor-reopens-at-odesa\.md: still to write \(marked \[TO WRITE\]\): the standfirst \(description\) and the body/,
    );
    expect(build.output).not.toMatch(/written\.md: still to write/);
    const page = readFileSync(
      join(build.distDir, 'articles/grain-corridor-reopens-at-odesa/index.html'),
      'utf8',
    );
    expect(page).toContain('Grain corridor reopens at Odesa</h1>');
    expect(existsSync(join(build.distDir, 'articles/written/index.html'))).toBe(true);
  });
});
