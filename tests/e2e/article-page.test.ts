import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSlug } from '../support/article-source';
import { axeViolations } from '../support/axe';
import { buildTemporarySite, type TemporaryBuild } from '../support/build';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { correctedArticleFiles, correctedSlug } from '../support/newsroom-fixture';
import { serveStatic, type StaticSite } from '../support/server';

/**
 * The article page as a reader meets it: corrections told up top, the names list, the contents
 * on a phone, paragraph links in lists, where a link lands, and the page on paper. Over a fixture
 * of the seed article, updated and corrected, with lists and links (tests/support).
 */
let build: TemporaryBuild;
let site: StaticSite;
let chromium: TestBrowser;

const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

beforeAll(async () => {
  build = await buildTemporarySite(correctedArticleFiles());
  if (build.exitCode !== 0) throw new Error(`fixture build failed:\n${build.output}`);
  site = await serveStatic({ root: build.distDir });
  chromium = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await site?.close();
});

const articleUrl = () => `${site.url}articles/${correctedSlug}/`;

async function open(options: BrowserContextOptions, hash = ''): Promise<Page> {
  const context = await chromium.newContext({ ...options, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(articleUrl() + hash);
  return page;
}

async function close(page: Page): Promise<void> {
  await page.context().close();
}

/** The id of the block whose text starts with `start`. */
function idOf(page: Page, start: string): Promise<string> {
  return page
    .locator('.article-body [id]')
    .filter({ hasText: start })
    .last()
    .evaluate((element) => element.id);
}

describe('corrections and updates, up top', () => {
  it('says the article was corrected next to the dateline, above the body, linking to the list', async () => {
    const page = await open(desktop);
    const changes = page.locator('.article-header .article-changes');
    expect((await changes.innerText()).replace(/\s+/g, ' ')).toBe(
      'Corrected: 22 April 2023 at 09:05 CEST. See the 2 corrections at the end',
    );
    expect(await page.locator('.article-header .updated').innerText()).toBe(
      'Updated 22 April 2023 at 09:05 CEST',
    );
    const box = (await changes.boundingBox())!;
    const body = (await page.locator('.article-body').boundingBox())!;
    expect(box.y + box.height).toBeLessThan(body.y);
    expect(box.y).toBeLessThan(900);

    await changes.getByRole('link').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#corrections-heading');
    const heading = page.getByRole('heading', { name: 'Corrections' });
    await expect.poll(() => heading.evaluate((h) => document.activeElement === h)).toBe(true);
    expect(await page.locator('.corrections li').count()).toBe(2);
    await close(page);
  });
});

describe('names in this article', () => {
  it('shows how often each name is mentioned, and links named by section, not digits', async () => {
    const page = await open(desktop);
    const entries = page.locator('.names__entry');
    expect(await entries.count()).toBeGreaterThan(5);
    const ukraine = entries.filter({ has: page.locator('.names__name', { hasText: /^Ukraine$/ }) });
    expect(await ukraine.locator('.names__total').innerText()).toMatch(/^\d+ mentions$/);
    const links = await page.locator('.names a').evaluateAll((anchors) =>
      anchors.map((a) => ({
        text: a.textContent!.trim(),
        label: a.getAttribute('aria-label') ?? '',
        target: a.getAttribute('href')!.slice(1),
      })),
    );
    for (const link of links) expect(link.text).not.toMatch(/^\d+$/);
    // Every link goes to a block in the section it names.
    const sections = await page.evaluate(
      (targets) =>
        targets.map((id) => {
          let at: Element | null = document.getElementById(id);
          while (at && at.parentElement?.className !== 'article-body') at = at.parentElement;
          for (
            let before = at?.previousElementSibling;
            before;
            before = before.previousElementSibling
          )
            if (/^H[23]$/.test(before.tagName)) return before.textContent!.trim();
          return 'Opening';
        }),
      links.map((link) => link.target),
    );
    expect(links.map((link) => link.text)).toEqual(sections);
    // Ukraine is in the opening paragraph and in every section.
    expect(await ukraine.locator('a').allInnerTexts()).toEqual([
      'Opening',
      'Allies meet at Ramstein',
      'Fighter jets',
      'Ammunition, repairs and money',
      'Tanks and air defences arrive',
      'NATO membership',
    ]);
    // Each link says whose mention it is; counts per section are read out, not just drawn.
    expect(await ukraine.locator('a').first().getAttribute('aria-label')).toBe(
      'Ukraine in Opening',
    );
    expect(links.some((link) => /^.+ in .+, \d+ mentions$/.test(link.label))).toBe(true);
    await close(page);
  });

  it('has no accessibility violations, in light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await open({ ...desktop, colorScheme });
      expect(await axeViolations(page)).toEqual([]);
      await close(page);
    }
  });
});

describe('contents on a phone', () => {
  it('folds the contents so the lead paragraph starts within the first screen', async () => {
    const page = await open(phone);
    const lead = page.locator('.article-body > p').first();
    const box = (await lead.boundingBox())!;
    const lineHeight = await lead.evaluate((p) => parseFloat(getComputedStyle(p).lineHeight));
    // At least its first two lines are on the first screen.
    expect(box.y + 2 * lineHeight).toBeLessThanOrEqual(844);
    const summary = page.locator('.toc summary');
    expect(await summary.isVisible()).toBe(true);
    expect(await page.locator('.toc__list').isVisible()).toBe(false);
    await summary.click();
    await expect.poll(() => page.locator('.toc__list').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await close(page);
  });

  it('shows the contents open on a wide screen, with no toggle', async () => {
    const page = await open(desktop);
    expect(await page.locator('.toc__list').isVisible()).toBe(true);
    expect(await page.locator('.toc summary').isVisible()).toBe(false);
    const contents = page.getByRole('navigation', { name: 'In this article' });
    expect(await contents.count()).toBe(1);
    expect(
      await contents.getByRole('link', { name: 'Fighter jets', exact: true }).isVisible(),
    ).toBe(true);
    await close(page);
  });
});

describe('paragraph links in lists', () => {
  it('puts a list item’s ¶ on its last line of text, not on a line of its own', async () => {
    for (const options of [desktop, phone]) {
      const page = await open(options);
      const items = await page.locator('.article-body li').evaluateAll((lis) =>
        lis.map((li) => {
          const anchor = li.querySelector('.paragraph-link')!;
          const link = anchor.getBoundingClientRect();
          // The text before the ¶, line by line: its last line is the lowest.
          const range = document.createRange();
          range.setStart(anchor.parentElement!, 0);
          range.setEndBefore(anchor);
          const lines = [...range.getClientRects()].filter((r) => r.width > 0);
          const lastLine = lines.reduce((low, r) => (r.bottom > low.bottom ? r : low));
          const itemBottom = li.getBoundingClientRect().bottom;
          return {
            linkMiddle: link.top + link.height / 2,
            lastLineTop: lastLine.top,
            lastLineBottom: lastLine.bottom,
            itemBottom,
          };
        }),
      );
      expect(items.length).toBe(5);
      for (const item of items) {
        expect(item.linkMiddle).toBeGreaterThanOrEqual(item.lastLineTop);
        expect(item.linkMiddle).toBeLessThanOrEqual(item.lastLineBottom);
        // Nothing below the text: the item ends with its last line.
        expect(item.itemBottom - item.lastLineBottom).toBeLessThan(8);
      }
      await close(page);
    }
  });
});

/** How many pixels of a clip of the page are the link colour (the landing bar's). */
async function barPixels(
  page: Page,
  clip: { x: number; y: number; width: number; height: number },
) {
  const png = await page.screenshot({ clip });
  const colour = await page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue('--link').trim(),
  );
  return page.evaluate(
    async ({ data, colour }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [image.width, image.height];
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, image.width, image.height).data;
      const [r, g, b] = [1, 3, 5].map((at) => parseInt(colour.slice(at, at + 2), 16));
      let count = 0;
      for (let at = 0; at < pixels.length; at += 4) {
        const near =
          Math.abs(pixels[at]! - r!) +
          Math.abs(pixels[at + 1]! - g!) +
          Math.abs(pixels[at + 2]! - b!);
        if (near < 40) count++;
      }
      return count;
    },
    { data: png.toString('base64'), colour },
  );
}

describe('where a link lands', () => {
  it('marks the paragraph with a bar left of its text, never over its first letters', async () => {
    for (const [start, gutter] of [
      ['Westerners have provided more than $150 billion', 0],
      ['Fighter jets divide the supporters', 30],
    ] as const) {
      const page = await open(desktop);
      const id = await idOf(page, start);
      await page.goto(`${articleUrl()}#${id}`);
      await expect.poll(() => page.locator('.is-linked').count()).toBe(1);
      // After the fade from the marker colour, when the reader is reading.
      await page.evaluate(() =>
        Promise.all(document.getAnimations().map((animation) => animation.finished)),
      );
      const box = (await page.locator('.is-linked').boundingBox())!;
      const line = { y: box.y + 2, height: 20 };
      // The first letters (and a list item's number, in the gutter before them) carry no bar.
      expect(await barPixels(page, { x: box.x - gutter, width: gutter + 6, ...line })).toBe(0);
      // The bar is there, left of them.
      expect(await barPixels(page, { x: box.x - gutter - 24, width: 24, ...line })).toBeGreaterThan(
        20,
      );
      await close(page);
    }
  });

  it.each([
    ['desktop', desktop],
    ['phone', phone],
  ] as const)('lets the reader see which section they landed in, on a %s', async (_, options) => {
    const page = await open(options);
    const height = options.viewport!.height;
    // Far below its section's heading: the section's name stands right above the paragraph.
    const far = await idOf(page, 'Westerners have provided more than $150 billion');
    await page.goto(`${articleUrl()}#${far}`);
    const label = page.locator('.landing-section');
    await expect.poll(() => label.isVisible()).toBe(true);
    expect(await label.innerText()).toBe('In Ammunition, repairs and money');
    expect(await label.getByRole('link').getAttribute('href')).toBe(
      '#ammunition-repairs-and-money',
    );
    const labelBox = (await label.boundingBox())!;
    const target = (await page.locator('.is-linked').boundingBox())!;
    expect(labelBox.y).toBeGreaterThanOrEqual(0);
    expect(labelBox.y + labelBox.height).toBeLessThanOrEqual(target.y);
    expect(target.y).toBeLessThan(height / 2);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(far);

    // Near its heading: the heading itself stays in view above the paragraph, with no label.
    const near = await idOf(page, 'Above all, the delivery of fighter jets');
    await page.goto(`${articleUrl()}#${near}`);
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#${near}`);
    await expect
      .poll(() => page.locator('#fighter-jets').evaluate((h) => h.getBoundingClientRect().top))
      .toBeGreaterThanOrEqual(0);
    expect(await label.count()).toBe(0);
    const landed = (await page.locator('.is-linked').boundingBox())!;
    expect(landed.y).toBeLessThan(height / 2);
    await close(page);
  });
});

describe('copying a paragraph link after landing', () => {
  it('copies the paragraph’s own words, not the notes above it, and does not move the page', async () => {
    const context = await chromium.newContext({
      ...desktop,
      reducedMotion: 'reduce',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    await page.goto(articleUrl());
    // The second item of a list: the section's name goes inside it, at its start.
    const item = page.locator('.article-body li').filter({ hasText: 'Modern Western aircraft' });
    const id = await item.evaluate((li) => li.id);
    await page.goto(`${articleUrl()}#${id}`);
    await expect.poll(() => item.locator('.landing-section').count()).toBe(1);

    await item.locator('.paragraph-link').focus();
    const before = await page.evaluate(() => scrollY);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#link-status').textContent())
      .toBe('Link to this paragraph copied.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(decodeURIComponent(copied)).toBe(
      `${articleUrl()}#${id}:~:text=Modern Western aircraft have yet to be discussed.`,
    );
    // A click on ¶ marks the paragraph where it is: no section note, no scroll.
    expect(await page.locator('.landing-section').count()).toBe(0);
    expect(await page.evaluate(() => scrollY)).toBe(before);
    await context.close();
  });
});

describe('print', () => {
  it('prints the site’s name and the article’s address, and leaves the screen’s furniture out', async () => {
    const page = await open(desktop);
    await page.emulateMedia({ media: 'print' });
    const masthead = page.locator('.print-masthead');
    expect(await masthead.isVisible()).toBe(true);
    expect((await masthead.innerText()).replace(/\s+/g, ' ')).toBe(
      `Dispatch https://dispatch.example/articles/${correctedSlug}/`,
    );
    for (const hidden of ['.names', '.related', '.toc', '.site-header', '.paragraph-link']) {
      expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
    }
    // Headings stay with what follows them.
    const breaks = await page
      .locator('main :is(h1, h2, h3)')
      .evaluateAll((headings) => headings.map((h) => getComputedStyle(h).breakAfter));
    expect(new Set(breaks)).toEqual(new Set(['avoid']));
    // On screen, the masthead is not there.
    await page.emulateMedia({ media: 'screen' });
    expect(await masthead.isVisible()).toBe(false);
    await close(page);
  });

  it('keeps each heading with the text after it on paper, and no paragraph splits to one line', async () => {
    const page = await open(desktop);
    await page.emulateMedia({ media: 'print' });
    const rules = await page.evaluate(() => ({
      headings: [...document.querySelectorAll('main h1, main h2, main h3')].map((heading) => {
        const style = getComputedStyle(heading);
        return `${style.breakAfter} ${style.breakInside}`;
      }),
      blocks: [...document.querySelectorAll('.article-body p, .article-body li')].map((block) => {
        const style = getComputedStyle(block);
        return Math.min(Number(style.orphans), Number(style.widows));
      }),
    }));
    expect(rules.headings.length).toBeGreaterThan(3);
    for (const rule of rules.headings) expect(rule).toBe('avoid avoid');
    for (const lines of rules.blocks) expect(lines).toBeGreaterThanOrEqual(2);
    await close(page);
  });

  it('prints full addresses only: no relative address is printed', async () => {
    const page = await open(desktop);
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
    const printed = await page.locator('main a').evaluateAll((anchors) =>
      anchors
        .filter((a) => a.checkVisibility())
        .map((a) => ({
          href: a.getAttribute('href')!,
          after: getComputedStyle(a, '::after').content,
        })),
    );
    for (const { href, after } of printed) {
      if (after === 'none' || after === 'normal') continue;
      expect(after, href).toMatch(/^" \((https?:\/\/[^"]+)\)"$/);
    }
    const addresses = printed.map(({ after }) => after);
    // A link within the site prints its full address; one out of it, its own.
    expect(addresses).toContain(`" (https://dispatch.example/articles/${seedSlug}/)"`);
    expect(addresses).toContain('" (https://www.nato.int/)"');
    // Tags print as words.
    const tag = printed.find(({ href }) => href.startsWith('/tags/'))!;
    expect(['none', 'normal']).toContain(tag.after);
    await close(page);
  });
});
