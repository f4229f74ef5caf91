import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localSources } from '../../src/markdown/local-sources';
import { pipelineDigest } from '../../src/markdown/parallel-processor';
import { projectRoot } from '../support/paths';

const src = (path: string) => join(projectRoot, 'src', path);

describe('localSources', () => {
  it('follows relative imports of every form, with or without an extension, through cycles', () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-sources-'));
    mkdirSync(join(dir, 'lib'));
    const files: Record<string, string> = {
      'entry.ts': "import { a } from './lib/a';\nimport './side-effect.ts';\nexport * from './re';",
      'lib/a.ts':
        "import type { B } from '../b';\nimport x from 'some-package';\nexport const a = 1;",
      'b.ts': "export const b = () => import('./entry');",
      'side-effect.ts': '',
      're.ts': '',
      'unused.ts': '',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    expect(localSources([join(dir, 'entry.ts')])).toEqual(
      ['b.ts', 'entry.ts', 'lib/a.ts', 're.ts', 'side-effect.ts'].map((name) => join(dir, name)),
    );
  });

  it('finds what the article pipeline runs beyond src/markdown and src/lib', () => {
    const sources = localSources([src('markdown/pipeline.ts'), src('content.config.ts')]);
    for (const file of [
      'content/site-glossary.ts',
      'content/glossary.ts',
      'content/frontmatter.ts',
      'content/loader.ts',
      'lib/names.ts',
      'markdown/rehype-glossary-names.ts',
    ]) {
      expect(sources).toContain(src(file));
    }
  });
});

describe('pipelineDigest', () => {
  it('is stable from one call to the next', () => {
    expect(pipelineDigest()).toMatch(/^[0-9a-f]{16}$/);
    expect(pipelineDigest()).toBe(pipelineDigest());
  });
});
