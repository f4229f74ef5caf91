import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/** `import ... from './x'`, `export ... from '../y.ts'`, `import './z'` and `import('./w')`. */
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** The file a relative specifier names: as written, or with `.ts` added as Vite finds it. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  const path = resolve(dirname(from), specifier);
  for (const candidate of [path, `${path}.ts`, `${path}/index.ts`]) {
    if (/\.(ts|mjs|js)$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The site's own source files that `entries` run, found by following their relative imports
 * (packages are left out: the lockfile stands for them). A digest over these is one that a new
 * helper, imported from anywhere, cannot escape, as a digest over chosen folders could.
 */
export function localSources(entries: readonly string[]): string[] {
  const found = new Set<string>();
  const pending = [...entries];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (found.has(file)) continue;
    found.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const target = resolveSpecifier(file, specifier!);
      if (target && !found.has(target)) pending.push(target);
    }
  }
  return [...found].sort();
}

/**
 * A digest of the sources `entries` run (`localSources`), each by its path from `root` and its
 * text, and of `extra` (what else the code is given): a cache keyed by it misses no change.
 */
export function sourcesDigest(
  entries: readonly string[],
  root: string,
  extra: string[] = [],
): string {
  const hash = createHash('sha256');
  for (const file of localSources(entries)) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  for (const part of extra) hash.update(part).update('\0');
  return hash.digest('hex');
}
