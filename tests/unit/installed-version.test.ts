import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { installedVersion } from '../../src/lib/installed-version';
import { projectRoot } from '../support/paths';

const root = pathToFileURL(`${projectRoot}/`);

describe('installedVersion', () => {
  it("reads an installed package's version from the project", () => {
    expect(installedVersion(root, 'astro')).toMatch(/^7\.\d+\.\d+/);
    expect(installedVersion(root, 'pagefind')).toMatch(/^1\.\d+\.\d+/);
  });

  it('gives none for a package that is not installed', () => {
    expect(installedVersion(root, 'no-such-package-here')).toBeUndefined();
  });
});
