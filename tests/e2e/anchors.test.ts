import { describe, expect, it } from 'vitest';
import { seedSlug } from '../support/article-source';
import { useBuiltSite } from '../support/site';
import { waitForLanding } from '../support/landing';

const path = `articles/${seedSlug}/`;
const lead = 'NATO Secretary General Jens Stoltenberg said he was “confident”';

describe('the ¶ link of a paragraph', () => {
  const t = useBuiltSite();

  it('appears on hover and on keyboard focus, with a target of at least 24 by 24 px', async () => {
    const context = await t.chromium.newContext();
    const page = await context.newPage();
    await page.goto(t.site.url + path);
    const paragraph = page.locator('.article-body > p').first();
    const link = paragraph.locator('.paragraph-link');
    const opacity = () => link.evaluate((element) => getComputedStyle(element).opacity);

    expect(await opacity()).toBe('0');
    await paragraph.hover();
    await expect.poll(opacity).toBe('1');
    await page.mouse.move(0, 0);
    await expect.poll(opacity).toBe('0');

    await link.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await link.evaluate((element) => element === document.activeElement)).toBe(true);
    await expect.poll(opacity).toBe('1');

    const box = (await link.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(24);
    expect(box.height).toBeGreaterThanOrEqual(24);
    await context.close();
  });

  it('copies an absolute link with a text fragment when pressed with Enter, and announces it', async () => {
    const context = await t.chromium.newContext({
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    await page.goto(t.site.url + path);
    const paragraph = page.locator('.article-body > p').first();
    const id = await paragraph.getAttribute('id');
    await paragraph.locator('.paragraph-link').focus();
    await page.keyboard.press('Enter');

    const status = page.locator('#link-status');
    await expect.poll(() => status.textContent()).toBe('Link to this paragraph copied.');
    expect(await status.getAttribute('role')).toBe('status');
    expect(await status.isVisible()).toBe(true);

    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(
      `${t.site.url}${path}#${id}:~:text=NATO%20Secretary%20General%20Jens,more%20arms%20and%20ammunition.`,
    );
    expect(new URL(page.url()).hash).toBe(`#${id}`);

    // The copied link, opened fresh, lands on the paragraph (the browser also finds the text).
    const reader = await context.newPage();
    await reader.goto(copied);
    expect(await reader.evaluate(() => document.activeElement?.textContent)).toContain(lead);
    await context.close();
  });

  it("leaves the section link out of the heading's name in the headings list", async () => {
    const context = await t.chromium.newContext();
    const page = await context.newPage();
    await page.goto(t.site.url + path);
    // Screen readers list headings by accessible name: the anchor inside must not add to it.
    await expect(
      page.getByRole('heading', { name: 'Fighter jets', exact: true }).count(),
    ).resolves.toBe(1);
    const snapshot = await page.locator('article').ariaSnapshot();
    expect(snapshot).not.toMatch(/heading "[^"]*Link to section/);
    await context.close();
  });

  it('copies a section link from the heading anchor', async () => {
    const context = await t.chromium.newContext({
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    await page.goto(t.site.url + path);
    await page.getByRole('heading', { name: 'Fighter jets' }).hover();
    await page.getByRole('link', { name: 'Link to section: Fighter jets' }).click();
    await expect
      .poll(() => page.locator('#link-status').textContent())
      .toBe('Link to this section copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${t.site.url}${path}#fighter-jets`,
    );
    await context.close();
  });

  it('is a plain link to the paragraph without JavaScript, and the target is marked', async () => {
    const context = await t.chromium.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(t.site.url + path);
    const paragraph = page.locator('.article-body > p').nth(3);
    const id = await paragraph.getAttribute('id');
    await paragraph.hover();
    await paragraph.locator('.paragraph-link').click();
    expect(new URL(page.url()).hash).toBe(`#${id}`);
    const marked = await paragraph.evaluate((element) => getComputedStyle(element).backgroundColor);
    const unmarked = await page
      .locator('.article-body > p')
      .nth(2)
      .evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(marked).not.toBe(unmarked);
    await context.close();
  });
});

describe('arriving on a link', () => {
  const t = useBuiltSite();

  it('scrolls the paragraph near the top of the view, under its section’s heading, marks it and focuses it', async () => {
    const context = await t.chromium.newContext();
    const page = await context.newPage();
    await page.goto(t.site.url + path);
    const id = await page.locator('.article-body > p').nth(8).getAttribute('id');
    await page.goto(`${t.site.url}${path}#${id}`);
    await waitForLanding(page);
    const arrived = await page.evaluate(() => {
      const target = document.querySelector<HTMLElement>('.is-linked')!;
      let heading = target.previousElementSibling;
      while (heading && heading.tagName !== 'H2') heading = heading.previousElementSibling;
      const label = document.querySelector('.landing-section');
      // What tells the reader the section: its heading, or its name just above the paragraph.
      const context = label ?? heading;
      return {
        id: target.id,
        focused: document.activeElement === target,
        top: target.getBoundingClientRect().top,
        contextTop: context?.getBoundingClientRect().top ?? -1,
        height: innerHeight,
      };
    });
    expect(arrived).toMatchObject({ id, focused: true });
    expect(arrived.top).toBeGreaterThanOrEqual(0);
    expect(arrived.top).toBeLessThan(arrived.height / 2);
    expect(arrived.contextTop).toBeGreaterThanOrEqual(0);
    expect(arrived.contextTop).toBeLessThan(arrived.top);
    await context.close();
  });

  it('scrolls smoothly only when the reader has not asked for reduced motion', async () => {
    for (const [reducedMotion, expected] of [
      ['reduce', 'auto'],
      ['no-preference', 'smooth'],
    ] as const) {
      const context = await t.chromium.newContext({ reducedMotion });
      const page = await context.newPage();
      await page.goto(t.site.url + path);
      expect(
        await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior),
      ).toBe(expected);
      await context.close();
    }
  });

  it('follows a table of contents link to its section', async () => {
    const context = await t.chromium.newContext();
    const page = await context.newPage();
    await page.goto(t.site.url + path);
    await page
      .getByRole('navigation', { name: 'In this article' })
      .getByRole('link', { name: 'NATO membership' })
      .click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('nato-membership');
    await context.close();
  });
});
