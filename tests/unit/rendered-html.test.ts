import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  keepHtmlInFile,
  readPageRender,
  withoutSourceFrontmatter,
} from '../../src/content/rendered-html';

describe('withoutSourceFrontmatter', () => {
  it('keeps what the plugins added to the frontmatter and drops the file’s own fields', () => {
    const metadata = {
      headings: [{ depth: 2, slug: 'a', text: 'A' }],
      imagePaths: ['./map.png'],
      frontmatter: { title: 'T', published: new Date(0), readingMinutes: 3, names: { x: 1 } },
    };
    expect(withoutSourceFrontmatter(metadata, ['title', 'published'])).toEqual({
      headings: metadata.headings,
      imagePaths: ['./map.png'],
      frontmatter: { readingMinutes: 3, names: { x: 1 } },
    });
  });

  it('leaves metadata without frontmatter as it is', () => {
    expect(withoutSourceFrontmatter({ headings: [] }, ['title'])).toEqual({ headings: [] });
    expect(withoutSourceFrontmatter(undefined, [])).toEqual({});
  });
});

describe('keepHtmlInFile and readPageRender', () => {
  const rendered = {
    html: '<p id="p-1">Kyiv</p>',
    metadata: {
      headings: [{ depth: 2, slug: 'talks', text: 'Talks' }],
      imagePaths: [],
      frontmatter: {
        title: 'T',
        readingMinutes: 2,
        names: { kyiv: [{ block: 'p-1', count: 1, start: 'Kyiv' }] },
      },
    },
  };
  const entry = { id: 'a', digest: 'd1', filePath: '/nowhere/a.md', frontmatterKeys: ['title'] };

  it('keeps the HTML, headings and names in the file, and the rest in the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rendered-html-'));
    try {
      const stored = await keepHtmlInFile(rendered, entry, dir);
      expect(stored.html).toBe('');
      const { htmlFile, ...rest } = stored.metadata as Record<string, unknown>;
      expect(rest).toEqual({ imagePaths: [], frontmatter: { readingMinutes: 2 } });
      expect(String(htmlFile).startsWith(dir)).toBe(true);
      expect(await readPageRender(stored)).toEqual({
        html: rendered.html,
        headings: rendered.metadata.headings,
        names: rendered.metadata.frontmatter.names,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the file by what it holds, so a change of names alone changes the stored entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rendered-html-'));
    try {
      const first = await keepHtmlInFile(rendered, entry, dir);
      const { kyiv } = rendered.metadata.frontmatter.names;
      const renamed = {
        ...rendered,
        metadata: {
          ...rendered.metadata,
          frontmatter: { ...rendered.metadata.frontmatter, names: { kiev: kyiv } },
        },
      };
      const second = await keepHtmlInFile(renamed, entry, dir);
      expect(second.metadata?.['htmlFile']).not.toBe(first.metadata?.['htmlFile']);
      expect(await keepHtmlInFile(rendered, entry, dir)).toEqual(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a render the store holds itself', async () => {
    expect(await readPageRender(rendered)).toEqual({
      html: rendered.html,
      headings: rendered.metadata.headings,
      names: rendered.metadata.frontmatter.names,
    });
  });

  it('says how to mend a missing file', async () => {
    await expect(
      readPageRender({ html: '', metadata: { htmlFile: '/nowhere/gone.json' } }),
    ).rejects.toThrow(/missing from Astro's cache.*astro build --force/);
  });
});
