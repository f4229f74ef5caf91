import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    // A temporary folder for the run, removed at its end (tests/support/global-setup.ts).
    globalSetup: ['tests/support/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        // Reads the built site in dist/: run `npm run build` first (npm test does).
        test: { name: 'build', include: ['tests/build/**/*.test.ts'], testTimeout: 120_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // What a reader waits for can take a few seconds on a loaded two-core machine.
          expect: { poll: { timeout: 10_000 } },
          // One Chromium at a time: the machines here have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
