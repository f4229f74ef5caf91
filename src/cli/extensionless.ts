/**
 * Lets plain Node run the project's command-line tools from src/ (`node --import
 * ./src/cli/extensionless.ts src/cli/…`): Node strips the TypeScript types, and this finds the
 * extensionless imports inside src/ (`./fingerprint` is `./fingerprint.ts`) as Vite does.
 * src/markdown/render-worker.ts does the same for the Markdown workers.
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
