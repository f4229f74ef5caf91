import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The version of the package `name` installed in the project at `root`; `undefined` when it
 * cannot be read. Caches keyed by a dependency's version keep nothing without it.
 */
export function installedVersion(root: URL, name: string): string | undefined {
  try {
    const manifest = new URL(`node_modules/${name}/package.json`, root);
    const { version } = JSON.parse(readFileSync(fileURLToPath(manifest), 'utf8')) as {
      version?: unknown;
    };
    return typeof version === 'string' && version !== '' ? version : undefined;
  } catch {
    return undefined;
  }
}
