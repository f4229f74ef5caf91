import type { Page } from 'playwright-core';

/**
 * Waits until the article page has handled the address's fragment: a block is marked as linked,
 * or the notice says the passage has changed. The paragraph-link code is fetched on arrival
 * (src/scripts/page.ts), so this can come after the page's load event.
 */
export async function waitForLanding(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('.is-linked') !== null ||
      (document.getElementById('anchor-notice')?.textContent ?? '') !== '',
  );
}
