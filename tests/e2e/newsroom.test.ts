import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { newsroomBuild } from '../support/newsroom';
import { seedSlug } from '../support/article-source';
import { serveStatic, type StaticSite } from '../support/server';
import { recordTransfers, type Transfer } from '../support/transfers';

let site: StaticSite;
let chromium: TestBrowser;

beforeAll(async () => {
  site = await serveStatic({ root: (await newsroomBuild()).distDir });
  chromium = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await chromium?.close();
  await site?.close();
});

const pages: [string, string][] = [
  ['front page', ''],
  ['article with pictures and a byline', 'articles/pictures/'],
  ['article without either', 'articles/plain/'],
  ['author page', 'authors/sam-tester/'],
];
const phone: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true };

/** Opens a page in a fresh context that records Content-Security-Policy violations. */
async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await chromium.newContext(options);
  await context.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { violations: string[] }).violations.push(
        `${event.violatedDirective} ${event.blockedURI}`,
      ),
    );
  });
  const page = await context.newPage();
  await page.goto(site.url + path, { waitUntil: 'load' });
  return page;
}

describe('the newsroom fixture in a browser: accessibility (axe-core, WCAG 2.2 AA)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it.each(pages)(`%s, ${colorScheme} scheme, desktop and phone`, async (_, path) => {
      for (const options of [{}, phone]) {
        const page = await open(path, { ...options, colorScheme });
        expect(await axeViolations(page)).toEqual([]);
        await page.context().close();
      }
    });
  }
});

describe('the newsroom fixture in a browser: pictures', () => {
  it('loads every picture as WebP from the site itself, under the Content-Security-Policy', async () => {
    for (const path of ['', 'articles/pictures/', 'authors/sam-tester/']) {
      const page = await open(path);
      // Lazy pictures load when they come near: scroll to each one.
      for (const img of await page.locator('main img').all()) await img.scrollIntoViewIfNeeded();
      await expect
        .poll(() =>
          page.$$eval('main img', (images) =>
            images.every((img) => (img as HTMLImageElement).complete),
          ),
        )
        .toBe(true);
      const loaded = await page.$$eval('main img', (images) =>
        images.map((img) => ({
          width: (img as HTMLImageElement).naturalWidth,
          src: new URL((img as HTMLImageElement).currentSrc).pathname,
          origin: new URL((img as HTMLImageElement).currentSrc).origin,
        })),
      );
      expect(loaded.length, path).toBeGreaterThan(0);
      for (const image of loaded) {
        expect(image.width, image.src).toBeGreaterThan(0);
        expect(image.src).toMatch(/^\/_astro\/.+\.webp$/);
        expect(image.origin).toBe(site.origin);
      }
      expect(
        await page.evaluate(() => (window as unknown as { violations: string[] }).violations),
      ).toEqual([]);
      await page.context().close();
    }
  });

  it('picks a file for the width it shows: a phone gets no desktop-sized lead image', async () => {
    const page = await open('articles/pictures/', { ...phone, deviceScaleFactor: 2 });
    const lead = page.locator('.figure--lead img');
    await expect.poll(() => lead.evaluate((img) => (img as HTMLImageElement).complete)).toBe(true);
    const shown = await lead.evaluate((img) => ({
      css: img.getBoundingClientRect().width,
      file: new URL((img as HTMLImageElement).currentSrc).pathname,
      candidates: Object.fromEntries(
        (img.getAttribute('srcset') ?? '').split(',').map((candidate) => {
          const [src, width] = candidate.trim().split(/\s+/);
          return [width, src];
        }),
      ),
    }));
    // 358 CSS pixels at 2x: the 720-pixel file, not the 1,600-pixel original.
    expect(shown.css).toBeCloseTo(358, 0);
    expect(shown.file).toBe(shown.candidates['720w']);
    await page.context().close();
  });

  it('keeps room for each picture before it loads: nothing shifts', async () => {
    const page = await open('articles/pictures/');
    for (const img of await page.locator('main img').all()) await img.scrollIntoViewIfNeeded();
    const shift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) =>
            resolve(
              list
                .getEntries()
                .reduce((sum, entry) => sum + (entry as unknown as { value: number }).value, 0),
            ),
          ).observe({ type: 'layout-shift', buffered: true });
          // No entry at all is no shift: resolve after the buffered entries had their turn.
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(0)));
        }),
    );
    expect(shift).toBeLessThan(0.01);
    // Each picture's box has the file's proportions, from width and height alone.
    const ratios = await page.$$eval('main img', (images) =>
      images.map((img) => {
        const box = img.getBoundingClientRect();
        const image = img as HTMLImageElement;
        return [box.width / box.height, image.width / image.height];
      }),
    );
    for (const [box, file] of ratios) expect(box).toBeCloseTo(file!, 1);
    await page.context().close();
  });
});

describe('the newsroom fixture in a browser: layout', () => {
  it('lines up the header, the column and the footer on their left edges', async () => {
    for (const options of [{}, phone]) {
      for (const [, path] of pages) {
        const page = await open(path, options);
        const edges = await page.$$eval(
          '.site-header__inner, .sections__list, main > *:not(.link-status), .site-footer',
          (elements) =>
            // What is shown on screen: the print masthead is not.
            elements
              .filter((element) => element.getClientRects().length > 0)
              .map((element) =>
                Math.round(
                  element.getBoundingClientRect().left +
                    parseFloat(getComputedStyle(element).paddingLeft),
                ),
              ),
        );
        expect(new Set(edges).size, `${path}: ${edges.join(', ')}`).toBe(1);
        await page.context().close();
      }
    }
  });

  it('starts the lead paragraph on a phone’s first screen under a lead picture, shown whole', async () => {
    // A wide picture under a full header (two bylines, an update, a correction), and an upright one.
    for (const path of ['articles/pictures/', 'articles/second/']) {
      const page = await open(path, phone);
      const lead = page.locator('.article-body > p').first();
      const box = (await lead.boundingBox())!;
      const lineHeight = await lead.evaluate((p) => parseFloat(getComputedStyle(p).lineHeight));
      expect(box.y + 2 * lineHeight, path).toBeLessThanOrEqual(844);
      // Whole: the box has the file's proportions, so nothing is cropped.
      const picture = await page.locator('.figure--lead img').evaluate((img) => {
        const shown = img.getBoundingClientRect();
        const file = img as HTMLImageElement;
        return { ratio: shown.width / shown.height, file: file.width / file.height };
      });
      expect(picture.ratio, path).toBeCloseTo(picture.file, 1);
      await page.context().close();
    }
  });

  it('sets an upright picture beside its caption, on a phone and on a wide screen', async () => {
    for (const options of [{}, phone]) {
      const page = await open('articles/second/', options);
      const [picture, caption] = await Promise.all(
        ['.figure--lead img', '.figure--lead figcaption'].map((selector) =>
          page.locator(selector).boundingBox(),
        ),
      );
      expect(caption!.x).toBeGreaterThanOrEqual(picture!.x + picture!.width);
      expect(caption!.y + caption!.height).toBeCloseTo(picture!.y + picture!.height, 0);
      await page.context().close();
    }
  });

  it('fits a phone’s width: no page scrolls sideways', async () => {
    for (const [, path] of pages) {
      const page = await open(path, phone);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
      await page.context().close();
    }
  });

  it('reaches an author’s page from the byline, and the article back from there', async () => {
    const page = await open('articles/pictures/');
    await page.getByRole('link', { name: 'Sam Tester' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/authors/sam-tester/');
    await page.getByRole('link', { name: 'A second fixture article by the same reporter' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/articles/second/');
    await page.context().close();
  });
});

describe('the newsroom fixture in a browser: weight on the wire', () => {
  /** What crossed the network, pictures apart (they are counted on their own). */
  const text = (transfers: Transfer[]) =>
    transfers.filter((transfer) => transfer.type !== 'Image' && !transfer.cached);
  const bytes = (transfers: Transfer[]) =>
    transfers.reduce((sum, transfer) => sum + transfer.bodyBytes, 0);
  const summary = (transfers: Transfer[]) =>
    transfers
      .map((transfer) => `${new URL(transfer.url).pathname} ${transfer.bodyBytes}`)
      .join('\n');

  it('an article’s first view is at most 12 KB in 3 requests; the next article opened, 7 KB', async () => {
    // Compressed as a static host serves it, with Astro's named-by-content files kept by the browser.
    const host = await serveStatic({ root: (await newsroomBuild()).distDir, compress: true });
    const context = await chromium.newContext();
    const page = await context.newPage();
    const transfers = await recordTransfers(page);
    await page.goto(`${host.url}articles/${seedSlug}/`, { waitUntil: 'networkidle' });
    const first = text(transfers());
    expect(first.length, summary(first)).toBeLessThanOrEqual(3);
    expect(bytes(first), summary(first)).toBeLessThanOrEqual(12 * 1024);
    // The stylesheet and the script are the ones every page shares: only the page itself is new.
    const before = transfers().length;
    await page.goto(`${host.url}articles/pictures/`, { waitUntil: 'networkidle' });
    const next = text(transfers().slice(before));
    expect(
      next.map((transfer) => transfer.type),
      summary(next),
    ).toEqual(['Document']);
    expect(bytes(next), summary(next)).toBeLessThanOrEqual(7 * 1024);
    await context.close();
    await host.close();
  });
});
