import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, type TestBrowser } from './browser';
import { buildTemporarySite } from './build';
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

export interface TemporarySiteUnderTest extends SiteUnderTest {
  /** The built site's folder. */
  distDir: string;
}

/**
 * Builds `files` as a temporary site (with `env`, e.g. `SEARCH_PART_SIZE`), serves it on
 * 127.0.0.1 and launches Chromium, for the tests of one file or `describe` block; a failed build
 * throws with the end of its output. The returned object is filled in before the first test runs,
 * and before the block's own `beforeAll` hooks registered after this call.
 */
export function useTemporarySite(
  files: Record<string, string | Uint8Array>,
  env: Record<string, string> = {},
): TemporarySiteUnderTest {
  const handle = {} as TemporarySiteUnderTest;
  beforeAll(async () => {
    const build = await buildTemporarySite(files, env);
    if (build.exitCode !== 0) throw new Error(build.output.slice(-4000));
    handle.distDir = build.distDir;
    handle.site = await serveStatic({ root: build.distDir });
    handle.chromium = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await handle.chromium?.close();
    await handle.site?.close();
  });
  return handle;
}
