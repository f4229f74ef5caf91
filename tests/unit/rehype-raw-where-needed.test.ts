import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createMarkdownProcessor, parseFrontmatter } from '@astrojs/markdown-remark';
import rehypeRaw from 'rehype-raw';
import { describe, expect, it } from 'vitest';
import { rehypePlugins, remarkPlugins } from '../../src/markdown/pipeline';
import rehypeRawWhereNeeded from '../../src/markdown/rehype-raw-where-needed';
import { fixturesDir, projectRoot } from '../support/paths';

/** Every Markdown article the tests know: the seed, and the fixtures (raw HTML among them). */
const articles = [
  join(projectRoot, 'content/articles'),
  ...['articles', 'newsroom', 'search'].map((dir) => join(fixturesDir, dir)),
].flatMap((dir) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.md'))
    .map((file) => join(dir, file)),
);

/** The site's pipeline with rehype-raw run on every article, as it was. */
const alwaysRaw = rehypePlugins.map((plugin) =>
  plugin === rehypeRawWhereNeeded ? rehypeRaw : plugin,
);

describe('rehype-raw where needed', () => {
  it('is the pipeline’s first rehype plugin', () => {
    expect(rehypePlugins[0]).toBe(rehypeRawWhereNeeded);
  });

  it('renders every fixture article exactly as rehype-raw on every article did', async () => {
    const where = await createMarkdownProcessor({
      remarkPlugins,
      rehypePlugins,
      smartypants: false,
    });
    const always = await createMarkdownProcessor({
      remarkPlugins,
      rehypePlugins: alwaysRaw,
      smartypants: false,
    });
    expect(articles.length).toBeGreaterThan(5);
    let withHtml = 0;
    for (const file of articles) {
      const { content, frontmatter } = parseFrontmatter(readFileSync(file, 'utf8'));
      const options = { frontmatter, fileURL: new URL(`file://${file}`) };
      const [a, b] = await Promise.all([
        where.render(content, options),
        always.render(content, options),
      ]);
      expect(a.code, file).toBe(b.code);
      expect(a.metadata, file).toEqual(b.metadata);
      if (/<[a-z]/i.test(content)) withHtml++;
    }
    // The fixtures hold raw HTML too, so both branches ran.
    expect(withHtml).toBeGreaterThan(0);
  });
});
