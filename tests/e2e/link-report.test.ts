import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseHTML } from 'linkedom';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLinkReport, linkReport, type ArticleLinks } from '../../src/lib/link-report';
import { seedSlug } from '../support/article-source';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { buildAgain, type TemporaryBuild } from '../support/build';
import { projectRoot } from '../support/paths';
import { serveStatic, type StaticSite } from '../support/server';
import { waitForLanding } from '../support/landing';

const seedFile = `articles/${seedSlug}.md`;
const seed = readFileSync(join(projectRoot, 'content', seedFile), 'utf8');

/** An editor's corrections: every fate an old link can have. */
function edited(text: string): string {
  return (
    text
      // A section renamed without an alias, and one with.
      .replace('## Fighter jets', '## Fighter aircraft')
      .replace('## NATO membership', '## Joining NATO')
      .replace('related:\n', 'aliases:\n  nato-membership: joining-nato\nrelated:\n')
      // Paragraphs corrected a little.
      .replace('meeting Friday at the US base', 'meeting on Friday at the American base')
      .replace('During his visit to Kiev on Thursday', 'During his trip to Kiev on Thursday')
      // A paragraph rewritten, and one removed.
      .replace(
        '“I am confident that they (the Ukrainians) can gain even more ground now,” he said.',
        'Nobody at the base would say how many shells were left.',
      )
      .split('\n\n')
      .filter((paragraph) => !paragraph.startsWith('However, between'))
      .join('\n\n')
  );
}

describe('npm run link-report, and the report at the end of npm run build', () => {
  let before: TemporaryBuild;
  let after: TemporaryBuild;
  let earlier: string;
  let reports: ArticleLinks[];
  let site: StaticSite;
  let chromium: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    // The site's own content, pictures and all, in a folder of its own.
    const root = mkdtempSync(join(tmpdir(), 'news-reader-site-'));
    cpSync(join(projectRoot, 'content'), join(root, 'content'), { recursive: true });
    before = await buildAgain({ contentDir: join(root, 'content'), distDir: join(root, 'dist') });
    expect(before.exitCode, before.output).toBe(0);
    earlier = `${before.distDir}-earlier`;
    cpSync(before.distDir, earlier, { recursive: true });
    writeFileSync(join(before.contentDir, seedFile), edited(seed));
    after = await buildAgain(before);
    expect(after.exitCode, after.output).toBe(0);
    reports = await linkReport(earlier, after.distDir);
    site = await serveStatic({ root: after.distDir });
    chromium = await launchBrowser();
    page = await (await chromium.newContext()).newPage();
  }, 240_000);

  afterAll(async () => {
    await chromium?.close();
    await site?.close();
  });

  const fates = () => reports.flatMap((report) => report.links);

  it('lists every old paragraph and section link of the changed article, by id', () => {
    expect(reports.map((report) => [report.path, report.status])).toEqual([
      [`articles/${seedSlug}/`, 'changed'],
    ]);
    const html = readFileSync(join(earlier, 'articles', seedSlug, 'index.html'), 'utf8');
    const { document } = parseHTML(html);
    const oldIds = [
      ...document.querySelectorAll('.article-body :is(p, li, blockquote, h2, h3, h4, h5, h6)[id]'),
    ].map((element) => element.id);
    expect(oldIds.length).toBeGreaterThan(20);
    expect(fates().map(({ link }) => link.id)).toEqual(oldIds);
  });

  it('gives each link its fate', () => {
    const byKind = (kind: string) =>
      fates()
        .filter(({ fate }) => fate.kind === kind)
        .map(({ link }) => link.text.slice(0, 20));
    expect(byKind('edited')).toEqual(['Kiev’s international', 'During his visit to ']);
    expect(byKind('notice')).toEqual(['“I am confident that', 'However, between ins']);
    expect(byKind('alias')).toEqual(['NATO membership']);
    expect(fates().find(({ link }) => link.id === 'fighter-jets')?.fate).toEqual({
      kind: 'section-renamed',
      suggestion: 'fighter-aircraft',
    });
    expect(byKind('unchanged').length).toBe(fates().length - 6);
    for (const { fate } of fates()) {
      if (fate.kind === 'edited') expect(fate.distance).toBeGreaterThan(0);
    }
  });

  it("predicts exactly where a reader's browser lands each old link", async () => {
    const url = `${site.url}articles/${seedSlug}/`;
    for (const { link, fate } of fates()) {
      // A fresh load each time, as a reader following the link from elsewhere.
      await page.goto('about:blank');
      await page.goto(`${url}#${link.id}`);
      await waitForLanding(page);
      const seen = await page.evaluate(() => {
        const notice = document.getElementById('anchor-notice')?.textContent ?? '';
        return {
          hash: decodeURIComponent(location.hash.slice(1)),
          linked: document.querySelector('.is-linked')?.id ?? '',
          notice: /has been edited/.test(notice)
            ? 'edited'
            : /has changed or is no longer/.test(notice)
              ? 'changed'
              : notice,
        };
      });
      const expected =
        fate.kind === 'unchanged'
          ? { hash: link.id, linked: link.id, notice: '' }
          : fate.kind === 'alias'
            ? { hash: fate.id, linked: fate.id, notice: '' }
            : fate.kind === 'edited'
              ? { hash: fate.id, linked: fate.id, notice: 'edited' }
              : { hash: link.id, linked: '', notice: 'changed' };
      expect(seen, `#${link.id}: ${fate.kind}`).toEqual(expected);
    }
  });

  it('is printed at the end of the build that made the change', () => {
    const report = formatLinkReport(reports, 'the previous build');
    const printed = after.output.slice(after.output.indexOf('Link report against'));
    expect(printed.split('\n').slice(0, report.split('\n').length).join('\n')).toBe(report);
    expect(report).toContain('#fighter-jets ("Fighter jets"): no alias, readers see the notice');
    expect(report).toContain('add to aliases: fighter-jets: fighter-aircraft');
    // The first build had no earlier one to compare with.
    expect(before.output).not.toContain('Link report');
  });

  it('keeps each article page’s digest and a copy of it for the next build, so it reads only the pages that changed', () => {
    const cache = join(dirname(after.contentDir), 'cache', 'link-report');
    const kept = JSON.parse(readFileSync(join(cache, 'pages.json'), 'utf8')) as Record<
      string,
      string
    >;
    const path = `articles/${seedSlug}/`;
    const page = readFileSync(join(after.distDir, path, 'index.html'));
    expect(Object.keys(kept)).toContain(path);
    expect(kept[path]).toBe(createHash('sha256').update(page).digest('hex'));
    // The copy is of this build's page (the edited one), not a link to the file the next
    // build writes over.
    const copy = join(cache, 'pages', path, 'index.html');
    expect(readFileSync(copy).equals(page)).toBe(true);
    expect(statSync(copy).ino).not.toBe(statSync(join(after.distDir, path, 'index.html')).ino);
  });

  it('runs from the command line, and exits 0 whatever it finds', () => {
    const run = (...args: string[]) =>
      spawnSync(
        process.execPath,
        ['--import', './src/lib/extensionless-imports.ts', 'src/cli/link-report.ts', ...args],
        { cwd: projectRoot, encoding: 'utf8' },
      );
    const changed = run('--since', earlier, '--dist', after.distDir);
    expect(changed.status, changed.stderr).toBe(0);
    expect(changed.stdout.trim()).toBe(formatLinkReport(reports, earlier));
    const same = run('--since', after.distDir, '--dist', after.distDir);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain("no article's paragraphs or sections changed");
    const json = run('--since', earlier, '--dist', after.distDir, '--json');
    expect(JSON.parse(json.stdout)).toEqual(reports);
    const missing = run();
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--since is missing');
  });
});
