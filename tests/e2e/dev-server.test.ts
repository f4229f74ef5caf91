import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSlug } from '../support/article-source';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { buildAgain } from '../support/build';
import { startDevServer, type DevServer } from '../support/dev-server';

/** The editor's loop under the real `astro dev`: search follows edits, errors reach the browser. */
describe('npm run dev', () => {
  let dev: DevServer;
  let chromium: TestBrowser;
  let page: Page;
  let seedFile: string;
  let seedText: string;
  let seedTitle: string;

  beforeAll(async () => {
    dev = await startDevServer();
    chromium = await launchBrowser();
    page = await (await chromium.newContext()).newPage();
    seedFile = join(dev.contentDir, 'articles', `${seedSlug}.md`);
    seedText = readFileSync(seedFile, 'utf8');
    seedTitle = /^title: (.*)$/m.exec(seedText)![1]!;
  }, 120_000);

  afterAll(async () => {
    if (process.env['DEV_OUTPUT']) console.log(dev?.output());
    await chromium?.close();
    await dev?.close();
  });

  /**
   * Opens a page. The dev server reloads open pages when content changes, and a reload that
   * arrives during this navigation aborts it: it is then tried again.
   */
  async function open(url: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await page.goto(url);
        return;
      } catch (error) {
        // Chromium reports the abort as ERR_ABORTED, or as a navigation "interrupted by
        // another navigation" when the reload comes while this one is still going.
        const reloaded = /ERR_ABORTED|interrupted by another navigation/.test(String(error));
        if (attempt === 3 || !reloaded) throw error;
      }
    }
  }

  /** Searches on a freshly loaded search page, as an editor checking their change would. */
  async function search(query: string): Promise<{ titles: string[]; passages: string[] }> {
    await open(`${dev.url}search/`);
    // Short waits: a page loaded while the server restarts may never get ready, and polling
    // callers then try a fresh one.
    await page.locator('form[data-search-ready]').waitFor({ state: 'attached', timeout: 10_000 });
    await page.locator('#search-input').fill(query);
    await page
      .locator(`#search-results[data-query="${query.replace(/["\\]/g, '\\$&')}||relevance"]`)
      .waitFor({ state: 'attached', timeout: 10_000 });
    return {
      titles: await page.locator('.search-result__title').allTextContents(),
      passages: await page.locator('.search-hit').allTextContents(),
    };
  }

  const titlesFor = async (query: string) => (await search(query)).titles.map((t) => t.trim());

  it('searches the articles with the same results as the built site', async () => {
    const { titles, passages } = await search('Stoltenberg');
    expect(titles.map((title) => title.trim())).toEqual([seedTitle]);
    // The built site's search test expects these seven passages for this query.
    expect(passages).toHaveLength(7);
    expect((await search('"battle of attrition"')).passages).toHaveLength(1);
  }, 60_000);

  it('serves the very index the build writes for the same content', async () => {
    // The content as the dev server started with it, pictures and all.
    const root = mkdtempSync(join(tmpdir(), 'news-reader-site-'));
    cpSync(dev.contentDir, join(root, 'content'), { recursive: true });
    writeFileSync(join(root, 'content/articles', `${seedSlug}.md`), seedText);
    const built = await buildAgain({
      contentDir: join(root, 'content'),
      distDir: join(root, 'dist'),
    });
    expect(built.exitCode, built.output).toBe(0);
    const builtFiles = readdirSync(join(built.distDir, 'pagefind'), { recursive: true })
      .map(String)
      .filter((file) => statSync(join(built.distDir, 'pagefind', file)).isFile());
    expect(builtFiles.length).toBeGreaterThan(5);
    for (const file of builtFiles) {
      const served = await fetch(`${dev.url}pagefind/${file}`);
      expect(served.status, file).toBe(200);
      const bytes = Buffer.from(await served.arrayBuffer());
      expect(bytes.equals(readFileSync(join(built.distDir, 'pagefind', file))), file).toBe(true);
    }
    // The parts' manifest too: the dev server cuts the index as the build does.
    const manifest = await fetch(`${dev.url}search/parts.json`);
    expect(manifest.status).toBe(200);
    expect(await manifest.text()).toBe(
      readFileSync(join(built.distDir, 'search/parts.json'), 'utf8'),
    );
    // The directory's files and the postings' (in a folder of their own).
    const words = readdirSync(join(built.distDir, 'search/words'), {
      recursive: true,
      withFileTypes: true,
    })
      .filter((entry) => entry.isFile())
      .map((entry) =>
        relative(join(built.distDir, 'search/words'), join(entry.parentPath, entry.name)),
      );
    expect(words).toContain('files.json');
    expect(words.some((file) => file.startsWith('postings/'))).toBe(true);
    for (const file of words) {
      const served = await fetch(`${dev.url}search/words/${file}`);
      expect(served.status, file).toBe(200);
      expect(await served.text(), file).toBe(
        readFileSync(join(built.distDir, 'search/words', file), 'utf8'),
      );
    }
    const glossary = await (await fetch(`${dev.url}search/glossary.json`)).text();
    expect(glossary).toBe(readFileSync(join(built.distDir, 'search/glossary.json'), 'utf8'));
  }, 120_000);

  it('follows an edit, a new article and a deleted one within seconds, without a restart', async () => {
    expect(await titlesFor('Wolpertinger')).toEqual([]);

    // An edit: a new paragraph in the seed article.
    writeFileSync(
      seedFile,
      `${seedText}\nA Wolpertinger was seen at the airbase, officials said.\n`,
    );
    await expect.poll(() => titlesFor('Wolpertinger'), { timeout: 20_000 }).toEqual([seedTitle]);

    // A new article.
    const added = join(dev.contentDir, 'articles', 'grain-corridor-reopens.md');
    writeFileSync(
      added,
      '---\ntitle: Grain corridor reopens\ndescription: Ships leave Odesa again.\npublished: 2023-05-02\n---\n\nThe first Tatzelwurm freighter left port at dawn.\n',
    );
    await expect
      .poll(() => titlesFor('Tatzelwurm'), { timeout: 20_000 })
      .toEqual(['Grain corridor reopens']);
    const { passages } = await search('Tatzelwurm');
    expect(passages.join(' ')).toContain('The first Tatzelwurm freighter left port at dawn.');

    // The new article deleted, the edit taken back.
    rmSync(added);
    writeFileSync(seedFile, seedText);
    await expect.poll(() => titlesFor('Tatzelwurm'), { timeout: 20_000 }).toEqual([]);
    await expect.poll(() => titlesFor('Wolpertinger'), { timeout: 20_000 }).toEqual([]);
    expect(await titlesFor('Stoltenberg')).toHaveLength(1);
  }, 120_000);

  /**
   * The text of Astro's error overlay, or '' when none is shown. The page reloads itself when a
   * mistake is fixed or made: read again once the reloaded page is there.
   */
  const overlayText = async (): Promise<string> => {
    for (;;) {
      try {
        return await page.evaluate(() => {
          const overlay = document.querySelector('vite-error-overlay');
          return overlay?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
        });
      } catch (error) {
        if (!String(error).includes('Execution context was destroyed')) throw error;
        await page.waitForLoadState();
      }
    }
  };

  it('shows a frontmatter mistake in the browser, naming the file, the field and what was expected, until fixed', async () => {
    const articleUrl = `${dev.url}articles/${seedSlug}/`;
    await open(articleUrl);
    writeFileSync(seedFile, seedText.replace(/^published: .*$/m, 'published: 2023-02-30'));
    await expect.poll(overlayText, { timeout: 20_000 }).toContain('2023-02-30');
    let text = await overlayText();
    expect(text).toContain(`articles/${seedSlug}.md`);
    expect(text).toContain('published');
    expect(text).toContain('"2023-02-30" is not a day of the calendar');

    // A page opened while the mistake stands shows it too.
    await open(articleUrl);
    await expect.poll(overlayText, { timeout: 20_000 }).toContain('not a day of the calendar');

    writeFileSync(seedFile, seedText);
    await expect.poll(overlayText, { timeout: 20_000 }).toBe('');
    await expect.poll(() => page.locator('h1').textContent()).toBe(seedTitle);

    // What the editor wrote stays text in the overlay, however it looks.
    writeFileSync(
      seedFile,
      seedText.replace(/^published: .*$/m, `published: "<img src=x onerror=window.pwned=1>"`),
    );
    await expect.poll(overlayText, { timeout: 20_000 }).toContain('<img src=x onerror');
    expect(
      await page.evaluate(() => ({
        images: document.querySelector('vite-error-overlay')?.shadowRoot?.querySelector('img'),
        pwned: 'pwned' in window,
      })),
    ).toEqual({ images: null, pwned: false });

    // A YAML mistake names the line where the quote opened, and shows it.
    writeFileSync(seedFile, seedText.replace(/^title: (.*)$/m, 'title: "$1'));
    await expect.poll(overlayText, { timeout: 20_000 }).toContain('never closed');
    text = await overlayText();
    expect(text).toContain('frontmatter is not valid YAML at line 2: the quote " opened here');
    expect(text).toContain(`2 | title: "${seedTitle}`);
    writeFileSync(seedFile, seedText);
    await expect.poll(overlayText, { timeout: 20_000 }).toBe('');
  }, 120_000);

  it('shows a glossary mistake in the browser until fixed', async () => {
    const glossaryFile = join(dev.contentDir, 'glossary.yaml');
    const glossary = readFileSync(glossaryFile, 'utf8');
    await open(`${dev.url}articles/${seedSlug}/`);
    writeFileSync(glossaryFile, `${glossary}\nkharkiv:\n  name: Kharkiv\n  kind: city\n`);
    await expect.poll(overlayText, { timeout: 20_000 }).toContain('glossary.yaml');
    expect(await overlayText()).toContain(
      'kharkiv.kind: expected person, place or organisation, got "city"',
    );
    writeFileSync(glossaryFile, glossary);
    await expect.poll(overlayText, { timeout: 30_000 }).toBe('');
    // The dev server restarts with the glossary fixed, and searches again.
    await expect.poll(() => titlesFor('Stoltenberg'), { timeout: 60_000 }).toEqual([seedTitle]);
  }, 120_000);
});
