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
      /article\.md: frontmatter is not valid YAML at line 3: /,
    );
  });

  it('names the line where an unclosed quote opened, and shows it', async () => {
    const file = article(
      '---\ntitle: "Allies meet\ndescription: One sentence.\npublished: 2023-04-21\ntags: [a]\n---\nBody\n',
    );
    const error = await readFrontmatterAsWritten(file).catch((error: unknown) => error);
    expect(error).toBeInstanceOf(Error);
    const [first, shown, caret] = (error as Error).message.split('\n');
    expect(first).toMatch(
      /article\.md: frontmatter is not valid YAML at line 2: the quote " opened here is never closed$/,
    );
    expect(shown).toBe('  2 | title: "Allies meet');
    expect(caret).toBe('    |        ^');
  });

  it('names the line of a single quote that never closes, past quotes that do', async () => {
    const file = article("---\ntitle: 'It''s done'\ndateline: 'Kyiv\npublished: 2023-04-21\n---\n");
    await expect(readFrontmatterAsWritten(file)).rejects.toThrow(
      /at line 3: the quote ' opened here is never closed\n  3 \| dateline: 'Kyiv\n/,
    );
  });

  it('names the line where an unclosed bracket opened', async () => {
    const file = article('---\ntags: [Ukraine, NATO\ntitle: Hello\npublished: 2023-04-21\n---\n');
    await expect(readFrontmatterAsWritten(file)).rejects.toThrow(
      /at line 2: the \[ opened here is never closed with \]\n  2 \| tags: \[Ukraine, NATO\n/,
    );
  });

  it('names the line of a mistake seen before any unclosed quote', async () => {
    const file = article('---\ntitle: Hello\n  bad: indent\ndateline: "Kyiv\n---\n');
    await expect(readFrontmatterAsWritten(file)).rejects.toThrow(
      /at line 3: .*\n  3 \|   bad: indent/,
    );
  });
});
