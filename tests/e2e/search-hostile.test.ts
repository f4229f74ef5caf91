import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTemporarySite } from '../support/build';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { projectRoot } from '../support/paths';
import { serveStatic, type StaticSite } from '../support/server';

const title = '<script>alert("title")</script> Ministers & <b>allies</b> meet';
const standfirst = 'A standfirst with <img src=x onerror=alert("standfirst")> in it.';
const hostile = `---
title: '${title}'
description: '${standfirst}'
published: 2023-05-01
---

The communiqué quoted &lt;script&gt;alert("body")&lt;/script&gt; verbatim, and &lt;img src=x onerror=alert(2)&gt; too.
`;

let site: StaticSite;
let chromium: TestBrowser;

beforeAll(async () => {
  const build = await buildTemporarySite({
    'articles/hostile.md': hostile,
    'glossary.yaml': readFileSync(join(projectRoot, 'content/glossary.yaml'), 'utf8'),
  });
  if (build.exitCode !== 0) throw new Error(build.output.slice(-4000));
  site = await serveStatic({ root: build.distDir });
  chromium = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await site?.close();
});

describe('an article whose text looks like HTML', () => {
  it('shows it as text in search titles and excerpts, and runs none of it', async () => {
    const page = await chromium.browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${site.url}search/?q=communiqué`);
    const result = page.locator('.search-result').first();
    await result.waitFor();
    expect(await result.locator('.search-result__title').textContent()).toBe(title);
    expect(await result.locator('.search-hit__text').allTextContents()).toEqual([
      'The communiqué quoted <script>alert("body")</script> verbatim, and <img src=x onerror=alert(2)> too.',
    ]);
    expect(
      await page.locator('.search-results script, .search-results img, .search-results b').count(),
    ).toBe(0);

    await page.goto(`${site.url}search/?q=standfirst`);
    await page.locator('#search-results[data-query^="standfirst"]').waitFor({ state: 'attached' });
    expect(await page.locator('.search-hit__text').allTextContents()).toEqual([standfirst]);

    await page.goto(`${site.url}articles/hostile/`);
    expect(await page.locator('h1').textContent()).toBe(title);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
