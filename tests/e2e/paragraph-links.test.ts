import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { article, seedPictures, seedSource } from '../support/article-source';
import { buildTemporarySite, type TemporaryBuild } from '../support/build';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { serveStatic, type StaticSite } from '../support/server';
import { afterAll } from 'vitest';
import { waitForLanding } from '../support/landing';

/**
 * Links survive edits: the seed article is built beside edited copies of itself, and links taken
 * from the original page are followed on each copy.
 */
const { frontmatter, body } = seedSource();
const linked = 'Westerners have provided more than $150 billion in aid to Ukraine';
const linkedParagraph = body.split('\n\n').find((block) => block.startsWith(linked))!;
const before = 'Ukrainian, Polish and German representatives have therefore agreed';
const other = 'But shipping modern Western aircraft has yet to be discussed.';
const swap = (text: string, from: string, to: string) => {
  if (!text.includes(from)) throw new Error(`fixture: "${from}" not in the article`);
  return text.replace(from, to);
};

const edits: Record<string, { body: string; frontmatter?: string }> = {
  original: { body },
  'a-inserted': {
    body: swap(
      body,
      linkedParagraph,
      `A paragraph inserted before it.\n\n${linkedParagraph}\n\nA paragraph inserted after it.`,
    ),
  },
  'b-deleted': { body: swap(body, `${other}\n\n`, '') },
  'c-reordered': {
    body: (() => {
      const blocks = body.split('\n\n');
      const i = blocks.findIndex((block) => block.startsWith(before));
      const j = blocks.findIndex((block) => block.startsWith(linked));
      [blocks[i], blocks[j]] = [blocks[j]!, blocks[i]!];
      return blocks.join('\n\n');
    })(),
  },
  'd-renamed': { body: swap(body, '## Fighter jets', '## Jets and aircraft') },
  'd-renamed-alias': {
    body: swap(body, '## Fighter jets', '## Jets and aircraft'),
    frontmatter: `${frontmatter}\naliases:\n  fighter-jets: jets-and-aircraft`,
  },
  'e-typo': {
    body: swap(body, 'since the Russian invasion began', 'since the Russian invasion begun'),
  },
  'e-number': { body: swap(body, '$150 billion', '$165 billion') },
  'e-clause': {
    body: swap(
      body,
      'for the military, he said.',
      'for the military, according to a Pentagon tally, he said.',
    ),
  },
  'f-removed': { body: swap(body, `${linkedParagraph}\n\n`, '') },
  'g-rewritten': {
    body: swap(
      body,
      linkedParagraph,
      'Finance ministers will meet in Brussels next month to agree a loan facility backed by frozen assets.',
    ),
  },
};

let build: TemporaryBuild;
let site: StaticSite;
let chromium: TestBrowser;
let paragraphId: string;

beforeAll(async () => {
  const files = Object.fromEntries(
    Object.entries(edits).map(([slug, edit]) => [
      `articles/${slug}.md`,
      article(edit.frontmatter ?? frontmatter, edit.body),
    ]),
  );
  build = await buildTemporarySite({ ...files, ...seedPictures() });
  if (build.exitCode !== 0) throw new Error(`fixture build failed:\n${build.output}`);
  site = await serveStatic({ root: build.distDir });
  chromium = await launchBrowser();
  const page = await chromium.browser.newPage();
  await page.goto(`${site.url}articles/original/`);
  paragraphId = await page.getByText(linked).evaluate((element) => element.id);
  await page.close();
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await site?.close();
});

async function follow(slug: string, fragment: string): Promise<Page> {
  const page = await chromium.browser.newPage({ reducedMotion: 'reduce' });
  await page.goto(`${site.url}articles/${slug}/#${fragment}`);
  await waitForLanding(page);
  return page;
}

/** What the reader was taken to: the marked element, which also has focus and is in view. */
async function landing(page: Page) {
  return page.evaluate(() => {
    const marked = document.querySelector<HTMLElement>('.is-linked');
    const box = marked?.getBoundingClientRect();
    const notice = document.getElementById('anchor-notice');
    const noticeBox = notice?.getBoundingClientRect();
    return {
      text: marked?.textContent ?? null,
      focused: marked !== null && document.activeElement === marked,
      inView: box !== undefined && box.top >= 0 && box.top < innerHeight / 2,
      notice: notice?.textContent ?? '',
      /** How far above the marked block the notice ends, and whether it is all on screen. */
      noticeGap: box && noticeBox ? box.top - noticeBox.bottom : null,
      noticeInView:
        noticeBox !== undefined && noticeBox.top >= 0 && noticeBox.bottom <= innerHeight,
      describedBy: marked?.getAttribute('aria-describedby') ?? null,
      hash: location.hash,
    };
  });
}

/** The accessible description Chromium gives the focused element. */
async function focusedDescription(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', {
    nodeId: root.nodeId,
    selector: '.is-linked',
  });
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', {
    nodeId,
    fetchRelatives: false,
  });
  await cdp.detach();
  return String(nodes[0]?.description?.value ?? '');
}

describe('a paragraph link taken from the original article', () => {
  it('has a fingerprint id', () => {
    expect(paragraphId).toMatch(/^p-[0-9a-z]{26}$/);
  });

  it.each(['original', 'a-inserted', 'b-deleted', 'c-reordered', 'd-renamed'])(
    'lands on the same paragraph, unchanged, in %s',
    async (slug) => {
      const page = await follow(slug, paragraphId);
      const landed = await landing(page);
      expect(landed.text).toContain(linked);
      expect(landed).toMatchObject({
        focused: true,
        inView: true,
        notice: '',
        hash: `#${paragraphId}`,
      });
      await page.close();
    },
  );

  it.each([
    ['e-typo', 'invasion begun'],
    ['e-number', '$165 billion'],
    ['e-clause', 'according to a Pentagon tally'],
  ])('lands on the corrected paragraph in %s, and says it was edited', async (slug, correction) => {
    const page = await follow(slug, paragraphId);
    const landed = await landing(page);
    expect(landed.text).toContain(correction);
    expect(landed).toMatchObject({ focused: true, inView: true });
    expect(landed.notice).toMatch(/has been edited/);
    // The notice stands right above the paragraph, in view, and describes it to screen readers.
    expect(landed.noticeInView).toBe(true);
    expect(landed.noticeGap).toBeGreaterThanOrEqual(0);
    expect(landed.noticeGap).toBeLessThan(16);
    expect(landed.describedBy).toBe('anchor-notice');
    expect(await page.locator('#anchor-notice').getAttribute('role')).toBe('status');
    // What a screen reader gets with the focused paragraph: the notice, as its description.
    expect(await focusedDescription(page)).toMatch(/has been edited since the link was made/);
    // The address now names the paragraph's current id, so a copied link is up to date.
    expect(landed.hash).not.toBe(`#${paragraphId}`);
    expect(await page.locator(landed.hash).textContent()).toContain(correction);
    await page.close();
  });

  it('moves the notice back to the top when the next link lands nowhere', async () => {
    const page = await follow('e-number', paragraphId);
    await expect.poll(async () => (await landing(page)).noticeGap).toBeLessThan(16);
    await page.evaluate(() => (location.hash = '#no-such-passage'));
    const notice = page.locator('#anchor-notice');
    await expect.poll(() => notice.textContent()).toMatch(/no longer in this article/);
    expect(
      await notice.evaluate(
        (element) => element.nextElementSibling?.classList.contains('article-body') ?? false,
      ),
    ).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('anchor-notice');
    await page.close();
  });

  it.each(['f-removed', 'g-rewritten'])(
    'in %s, shows a notice that the passage has changed instead of a silent top of page',
    async (slug) => {
      const page = await follow(slug, paragraphId);
      const notice = page.locator('#anchor-notice');
      expect(await notice.isVisible()).toBe(true);
      expect(await notice.textContent()).toMatch(/changed or is no longer in this article/);
      expect(await notice.getAttribute('role')).toBe('status');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('anchor-notice');
      expect(await page.locator('.is-linked').count()).toBe(0);
      await page.close();
    },
  );
});

describe('a section link taken from the original article', () => {
  it.each(['original', 'a-inserted', 'b-deleted', 'c-reordered', 'e-number'])(
    'lands on the "Fighter jets" section in %s',
    async (slug) => {
      const page = await follow(slug, 'fighter-jets');
      const landed = await landing(page);
      expect(landed.text).toBe('Fighter jets');
      expect(landed).toMatchObject({ focused: true, inView: true, notice: '' });
      await page.close();
    },
  );

  it('lands on the renamed section when the editor kept the old id as an alias', async () => {
    const page = await follow('d-renamed-alias', 'fighter-jets');
    const landed = await landing(page);
    expect(landed.text).toBe('Jets and aircraft');
    expect(landed).toMatchObject({ focused: true, inView: true, notice: '' });
    await page.close();
  });

  it('shows the notice when the section was renamed with no alias', async () => {
    const page = await follow('d-renamed', 'fighter-jets');
    expect(await page.locator('#anchor-notice').textContent()).toMatch(/changed/);
    await page.close();
  });
});
