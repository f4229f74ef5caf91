import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFrontmatterAsWritten } from '../../src/content/frontmatter';

function article(source: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'frontmatter-')), 'article.md');
  writeFileSync(file, source);
  return file;
}

describe('readFrontmatterAsWritten', () => {
  it('keeps dates as the strings the editor typed, even impossible ones', async () => {
    const file = article('---\npublished: 2023-02-30\ntitle: Hello\n---\n\nBody\n');
    expect(await readFrontmatterAsWritten(file)).toEqual({
      published: '2023-02-30',
      title: 'Hello',
    });
  });

  it('reads other YAML types as usual', async () => {
    const file = article('---\ntags: [a, b]\ncount: 3\ndraft: false\n---\nBody\n');
    expect(await readFrontmatterAsWritten(file)).toEqual({
      tags: ['a', 'b'],
      count: 3,
      draft: false,
    });
  });

  it('returns nothing for a file without frontmatter', async () => {
    expect(await readFrontmatterAsWritten(article('Just a body.\n'))).toEqual({});
  });

  it('names the line of a YAML syntax error', async () => {
    const file = article('---\ntitle: Hello\ntags: [a, b\n---\nBody\n');
    await expect(readFrontmatterAsWritten(file)).rejects.toThrow(
      /article\.md: frontmatter is not valid YAML at line 4: /,
    );
  });
});
