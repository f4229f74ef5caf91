import { describe, expect, it } from 'vitest';
import { seedSlug } from '../support/article-source';
import { useBuiltSite } from '../support/site';

/** What the README says works offline, and what does not: there is no service worker. */
describe('offline', () => {
  const t = useBuiltSite();

  it('a loaded article keeps working when the connection drops; a page not opened needs the network', async () => {
    const context = await t.chromium.newContext();
    const page = await context.newPage();
    await page.goto(`${t.site.url}articles/${seedSlug}/`);
    await page.waitForLoadState('networkidle');
    // A reader who scrolls fetches the paragraph-link code (src/scripts/page.ts): it is then at
    // hand offline.
    const fetched = page.waitForResponse((response) =>
      /\/paragraph-anchors\.[^/]+\.js$/.test(response.url()),
    );
    await page.mouse.wheel(0, 200);
    await fetched;
    await page.waitForLoadState('networkidle');
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await context.setOffline(true);

    // The contents and the section and paragraph links work within the page.
    await page.locator('nav a[href="#fighter-jets"]').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#fighter-jets');
    const paragraph = page.locator('.article-body p[id^="p-"]').nth(3);
    const id = await paragraph.getAttribute('id');
    await page.evaluate((target) => (location.hash = target), `#${id}`);
    await expect.poll(() => page.locator('.is-linked').getAttribute('id')).toBe(id);
    expect(await page.locator('h1').isVisible()).toBe(true);
    // Nothing but pictures further down, which load as the reader scrolls to them.
    expect(requests.filter((url) => !/\.(webp|avif|png|jpe?g|svg)$/.test(url))).toEqual([]);

    // No service worker keeps the site: another page fails without the network.
    expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();
    const failed = await page.goto(`${t.site.url}search/`).catch((error: Error) => error);
    expect(failed).toBeInstanceOf(Error);
    await context.close();
  });
});
