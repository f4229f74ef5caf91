/**
 * Lets plain Node run modules of src/ outside Vite: the Markdown worker threads
 * (src/markdown/render-worker.ts) and the command-line tools (`node --import
 * ./src/lib/extensionless-imports.ts src/cli/…`). Node strips the TypeScript types; this resolve
 * hook finds the extensionless imports inside src/ (`./fingerprint` is `./fingerprint.ts`) as
 * Vite does.
 */
import { registerHooks } from 'node:module';

const sourceDir = new URL('../', import.meta.url).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      const extensionless = /^\.\.?\//.test(specifier) && !/\.[cm]?[jt]s$/.test(specifier);
      if (extensionless && context.parentURL?.startsWith(sourceDir)) {
        return nextResolve(`${specifier}.ts`, context);
      }
      throw error;
    }
  },
});
