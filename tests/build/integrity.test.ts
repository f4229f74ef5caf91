import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { article, seedPictures, seedSource } from '../support/article-source';
import { buildTemporarySite } from '../support/build';
import { builtPages, readPage } from '../support/dist';
import { checkLinkIntegrity } from '../../src/integrations/link-integrity';
import { distDir } from '../support/paths';

const { frontmatter, body } = seedSource();

describe('the built site', () => {
  it('has unique ids on every page and no link that points nowhere', async () => {
    const { pages, problems } = await checkLinkIntegrity(distDir, {
      root: new URL('https://dispatch.example/'),
    });
    expect(problems).toEqual([]);
    expect(pages).toBe(builtPages().length);
  });

  it('gives every paragraph, list item and quote of an article an id and a ¶ link to it', () => {
    for (const page of builtPages().filter((file) => file.startsWith('articles/'))) {
      const document = readPage(page);
      const blocks = [
        ...document.querySelectorAll(
          '.article-body > p, .article-body li, .article-body blockquote',
        ),
      ];
      expect(blocks.length).toBeGreaterThan(0);
      for (const block of blocks) {
        expect(block.id, `${page}: ${block.textContent}`).toMatch(/^\S+$/);
        expect(block.querySelector(':scope > a.paragraph-link')?.getAttribute('href')).toBe(
          `#${block.id}`,
        );
      }
    }
  });

  it('ships no comments from the templates: they are for the source, not for every reader’s download', () => {
    for (const page of builtPages()) {
      expect(readFileSync(join(distDir, page), 'utf8'), page).not.toContain('<!--');
    }
  });
});

describe('a build with broken anchors', () => {
  it('fails, naming the file, when a link points to an id that does not exist', async () => {
    const build = await buildTemporarySite({
      'articles/broken-link.md': article(frontmatter, `${body}\n\nSee [the summary](#summary).\n`),
      ...seedPictures(),
    });
    expect(build.exitCode).not.toBe(0);
    expect(build.output).toContain(
      'dist/articles/broken-link/index.html: the link "#summary" points to no element with id "summary"',
    );
  });

  it('fails, naming the file, when two elements share an id', async () => {
    const build = await buildTemporarySite({
      'articles/twice.md': article(frontmatter, `First. {#pledge}\n\nSecond. {#pledge}\n\n${body}`),
      ...seedPictures(),
    });
    expect(build.exitCode).not.toBe(0);
    expect(build.output).toContain(
      'dist/articles/twice/index.html: two elements have the id "pledge"',
    );
  });
});
