import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedPictures } from '../support/article-source';
import { buildTemporarySite } from '../support/build';
import { projectRoot } from '../support/paths';

const glossary = readFileSync(join(projectRoot, 'content/glossary.yaml'), 'utf8');
const frontmatter = (fields: string) => `---\n${fields}\n---\n\nThe body of the story.\n`;
const valid = 'title: A story\ndescription: One sentence.\npublished: 2023-04-21';
/** A real picture (a PNG of one pixel), so that only what the test breaks is wrong. */
const picture = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Builds a site from the files; the build must fail, and its output is returned. */
async function failingBuild(
  files: Record<string, string | Uint8Array>,
  env: Record<string, string> = {},
): Promise<string> {
  const build = await buildTemporarySite(files, env);
  expect(build.exitCode, build.output).not.toBe(0);
  return build.output;
}

describe.concurrent(
  'broken input fails the build with the file, the field, the value and what was expected',
  () => {
    it('a missing title', async () => {
      const output = await failingBuild({
        'articles/story.md': frontmatter('description: One sentence.\npublished: 2023-04-21'),
      });
      expect(output).toContain('articles → story data does not match collection schema');
      expect(output).toContain('title: expected text, got nothing');
      expect(output).toMatch(/articles\/story\.md/);
    });

    it('an impossible date', async () => {
      const output = await failingBuild({
        'articles/story.md': frontmatter(valid.replace('2023-04-21', '2023-02-30')),
      });
      expect(output).toContain('published: "2023-02-30" is not a day of the calendar');
      expect(output).toMatch(/articles\/story\.md/);
    });

    it('a time without an offset that the site’s clocks skip', async () => {
      const output = await failingBuild({
        'articles/story.md': frontmatter(valid.replace('2023-04-21', '2023-03-26T02:30')),
      });
      expect(output).toContain(
        'published: "2023-03-26T02:30" does not exist in Europe/Paris, the site\'s time zone',
      );
      expect(output).toMatch(/articles\/story\.md/);
    });

    it('a misspelt field name', async () => {
      const output = await failingBuild({
        'articles/story.md': frontmatter(`${valid}\npublshed: 2023-04-21`),
      });
      expect(output).toContain(
        'unknown field "publshed": check the spelling; the fields are title, description, published',
      );
    });

    it('a tag that is not a string', async () => {
      const output = await failingBuild({
        'articles/story.md': frontmatter(`${valid}\ntags: [Ukraine, 42]`),
      });
      expect(output).toContain('tags.1: expected text, got 42');
    });

    it('a malformed glossary entry', async () => {
      const output = await failingBuild({
        'articles/story.md': frontmatter(valid),
        'glossary.yaml': `${glossary}\nkharkiv:\n  name: Kharkiv\n  kind: city\n`,
      });
      expect(output).toMatch(
        /glossary\.yaml: the glossary is not valid:\s+kharkiv\.kind: expected person, place or organisation, got "city"/,
      );
    });

    it('a YAML syntax error, naming the line', async () => {
      const output = await failingBuild({
        'articles/story.md': frontmatter(`${valid}\ntags: [Ukraine, NATO`),
      });
      expect(output).toMatch(/articles\/story\.md/);
      expect(output).toMatch(/line 5|:5:|\(5:/);
    });

    it('an unclosed quote, naming and showing the line where it opened', async () => {
      const output = await failingBuild({
        'articles/story.md': frontmatter(
          'title: "A story\ndescription: One sentence.\npublished: 2023-04-21\ntags: [Ukraine]',
        ),
      });
      expect(output).toMatch(
        /articles\/story\.md: frontmatter is not valid YAML at line 2: the quote " opened here is never closed\n\s*2 \| title: "A story\n/,
      );
    });

    it('an impossible date, reported once', async () => {
      const output = await failingBuild({
        'articles/story.md': frontmatter(
          valid.replace('2023-04-21', '2023-02-30') + '\nupdated: 2023-03-05',
        ),
      });
      expect(output).toContain('published: "2023-02-30" is not a day of the calendar');
      expect(output).not.toContain('updated must not be earlier than published');
    });

    it('two articles with the same address, naming both files', async () => {
      const output = await failingBuild({
        'articles/kyiv-talks.md': frontmatter(valid),
        'articles/Kyiv-Talks.md': frontmatter(valid.replace('A story', 'Another story')),
      });
      expect(output).toContain('kyiv-talks.md');
      expect(output).toContain('Kyiv-Talks.md');
    });

    // Markdown renders in worker threads (src/markdown/parallel-processor.ts), bar the first of
    // a batch; with MARKDOWN_WORKERS=0, all in the main thread. A plugin's error must fail the
    // build the same way in both: three broken articles, so at least two render in workers.
    it('a picture in the body whose file is missing, naming the article and the file', async () => {
      const output = await failingBuild({
        'articles/map.md': frontmatter(valid) + '\n![A map of the front](./map.png)\n',
      });
      expect(output).toMatch(
        /Error rendering map\.md: the image "\.\/map\.png" is not there: no file .*articles\/map\.png/s,
      );
    });

    it('a picture in the body without alt text, naming the file, the line and the image', async () => {
      const output = await failingBuild({
        'articles/map.md': frontmatter(valid) + '\n![](./map.png)\n',
        'articles/map.png': picture,
      });
      expect(output).toMatch(
        /Error rendering map\.md: Failed to parse Markdown file .*map\.md":\s+line 9: the image "\.\/map\.png" has no alt text/,
      );
    });

    it('a lead image without alt text, naming the file and the field', async () => {
      const output = await failingBuild({
        'articles/story.md': frontmatter(`${valid}\nimage:\n  src: ./lead.png\n  caption: A map`),
        'articles/lead.png': picture,
      });
      expect(output).toMatch(/articles\/story\.md/);
      expect(output).toContain(
        'image.alt: expected alt text that says what the picture shows, or "" if it is decorative, got nothing',
      );
    });

    it('a lead image at another address, naming the article', async () => {
      const output = await failingBuild({
        'articles/story.md': frontmatter(
          `${valid}\nimage:\n  src: https://example.org/photo.jpg\n  alt: A map`,
        ),
      });
      expect(output).toContain(
        'articles/story.md: image.src: "https://example.org/photo.jpg" is not a file beside the article',
      );
    });

    it('a lead image whose file is missing, naming the article and the file', async () => {
      const output = await failingBuild({
        'articles/story.md': frontmatter(`${valid}\nimage:\n  src: ./lead.jpg\n  alt: A map`),
      });
      expect(output).toMatch(
        /articles\/story\.md: image\.src: the image "\.\/lead\.jpg" is not there: no file .*articles\/lead\.jpg/,
      );
    });

    it.each(['0', '2'])(
      'articles that cannot render, naming each file (MARKDOWN_WORKERS=%s)',
      async (workers) => {
        const broken = ['first', 'second', 'third'];
        const output = await failingBuild(
          {
            ...Object.fromEntries(
              broken.map((name) => [
                `articles/${name}.md`,
                frontmatter(`${valid}\naliases:\n  fighter-jets: no-such-id`),
              ]),
            ),
            'articles/fine.md': frontmatter(valid.replace('A story', 'Another story')),
          },
          { MARKDOWN_WORKERS: workers },
        );
        for (const name of broken) {
          expect(output).toMatch(
            new RegExp(
              `Error rendering ${name}\\.md: Failed to parse Markdown file ".*articles/${name}\\.md":\\n.*articles/${name}\\.md: aliases: fighter-jets: no-such-id: no element in this article has the id "no-such-id"`,
            ),
          );
        }
      },
    );
  },
);

/** Every file under a folder with its size, time and content hash. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, file);
    const info = statSync(path);
    files[file] = info.isDirectory()
      ? 'dir'
      : `${info.size} ${info.mtimeMs} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
  }
  return files;
}

describe('the build', () => {
  const source = {
    'articles/story.md': readFileSync(
      join(
        projectRoot,
        'content/articles/kiev-allies-coordinate-aid-under-pressure-from-zelenskyy.md',
      ),
      'utf8',
    ),
    ...seedPictures(),
    'glossary.yaml': glossary,
  };

  it('never writes into the content folder and leaves its files as they were', async () => {
    const first = await buildTemporarySite(source);
    expect(first.exitCode, first.output).toBe(0);
    const before = snapshot(first.contentDir);
    expect(Object.keys(before).sort()).toEqual([
      'articles',
      ...Object.keys(seedPictures()),
      'articles/story.md',
      'glossary.yaml',
    ]);
    const { spawnSync } = await import('node:child_process');
    const again = spawnSync(
      process.execPath,
      [
        join(projectRoot, 'node_modules/astro/bin/astro.mjs'),
        'build',
        '--outDir',
        `${first.distDir}-2`,
      ],
      {
        cwd: projectRoot,
        env: {
          ...process.env,
          ASTRO_TELEMETRY_DISABLED: '1',
          CONTENT_DIR: first.contentDir,
          CACHE_DIR: `${first.distDir}-cache`,
        },
      },
    );
    expect(again.status).toBe(0);
    expect(snapshot(first.contentDir)).toEqual(before);
  });

  it('is deterministic: two builds of the same content are byte-identical, search index included', async () => {
    const [a, b] = [await buildTemporarySite(source), await buildTemporarySite(source)];
    expect(a.exitCode).toBe(0);
    expect(b.exitCode).toBe(0);
    const hashes = (dir: string) =>
      Object.fromEntries(
        Object.entries(snapshot(dir)).map(([file, line]) => [file, line.split(' ').at(-1)]),
      );
    const [left, right] = [hashes(a.distDir), hashes(b.distDir)];
    expect(Object.keys(left).filter((file) => file.startsWith('pagefind/')).length).toBeGreaterThan(
      5,
    );
    expect(right).toEqual(left);
  });
});
