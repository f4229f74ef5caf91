import { existsSync } from 'node:fs';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
} from 'playwright-core';

const candidates = [
  process.env['CHROME_PATH'],
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The Chromium the browser tests drive, or an error that says what to install. */
export function findChromium(): string {
  const found = candidates.find((path): path is string => Boolean(path) && existsSync(path!));
  if (found) return found;
  throw new Error(
    'The browser tests need Chromium or Chrome, and none was found.\n' +
      '  Debian/Ubuntu: sudo apt-get install -y chromium\n' +
      '  Elsewhere: install Chrome or Chromium and set CHROME_PATH to its executable.\n' +
      `  Looked in: ${candidates.filter(Boolean).join(', ')}`,
  );
}

export interface TestBrowser {
  browser: Browser;
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Headless Chromium (Playwright gives each launch a fresh profile). The flags keep it from
 * calling home: these machines reach no network beyond the package registries.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return {
    browser,
    newContext: (options) => browser.newContext({ reducedMotion: 'reduce', ...options }),
    close: () => browser.close(),
  };
}
