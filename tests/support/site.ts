import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, type TestBrowser } from './browser';
import { distDir } from './paths';
import { serveStatic, type ServeOptions, type StaticSite } from './server';

export interface SiteUnderTest {
  site: StaticSite;
  chromium: TestBrowser;
}

/**
 * Serves a built site on 127.0.0.1 and launches Chromium for the tests of one file.
 * The returned object is filled in before the first test runs.
 */
export function useBuiltSite(options: Partial<ServeOptions> = {}): SiteUnderTest {
  const handle = {} as SiteUnderTest;
  beforeAll(async () => {
    handle.site = await serveStatic({ root: distDir, ...options });
    handle.chromium = await launchBrowser();
  });
  afterAll(async () => {
    await handle.chromium?.close();
    await handle.site?.close();
  });
  return handle;
}
