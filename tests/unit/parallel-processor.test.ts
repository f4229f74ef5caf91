import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  parseFrontmatter,
  unified,
  type AstroMarkdownOptions,
  type MarkdownRenderer,
} from '@astrojs/markdown-remark';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parallelUnified } from '../../src/markdown/parallel-processor';
import { rehypePlugins, remarkPlugins } from '../../src/markdown/pipeline';
import { fixturesDir, projectRoot } from '../support/paths';

/** Counts the worker threads started, to know the renders below really ran in workers. */
const started = vi.hoisted(() => ({ workers: 0 }));
vi.mock('node:worker_threads', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:worker_threads')>();
  class CountedWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      super(...args);
      started.workers++;
    }
  }
  return { ...actual, Worker: CountedWorker };
});

/** What Astro's Markdown content entry type passes to `createRenderer` for this site. */
const shared = {
  image: {
    endpoint: { route: '/_image' },
    service: { entrypoint: 'astro/assets/services/sharp', config: {} },
    domains: [],
    remotePatterns: [{ protocol: 'https', hostname: '**.example.org' }],
  },
  syntaxHighlight: false,
  shikiConfig: { langs: [], theme: 'github-dark', themes: {}, wrap: false, transformers: [] },
} as AstroMarkdownOptions;

/** A Markdown file as Astro's glob loader hands it to the renderer. */
function article(path: string) {
  const { frontmatter, content } = parseFrontmatter(readFileSync(path, 'utf8'));
  return { body: content.trim(), options: { frontmatter, fileURL: pathToFileURL(path) } };
}

const seedDir = join(projectRoot, 'content/articles');
const inputs = {
  'the seed article': article(
    join(
      seedDir,
      readdirSync(seedDir).find((file) => file.endsWith('.md'))!,
    ),
  ),
  'raw HTML with XSS vectors': article(join(fixturesDir, 'articles/xss.md')),
  'right-to-left text': article(join(fixturesDir, 'articles/arabic.md')),
  'pinned ids and aliases': {
    body: [
      'The alliance pledged a repair centre for Leopard 2 tanks in Kiev. {#repair-centre}',
      '## Jets and aircraft {#jets}',
      '- Poland sent Mig-29s. {#migs}',
      '> “We will stand with Ukraine,” NATO said.',
      '![A map](./map.png) and ![a photo](https://cdn.example.org/photo.jpg)',
    ].join('\n\n'),
    options: {
      frontmatter: { title: 'Pinned', published: new Date('2023-04-21'), aliases: { old: 'jets' } },
      fileURL: new URL('file:///content/articles/pinned.md'),
    },
  },
};

let inMainThread: MarkdownRenderer;

/**
 * A new parallel renderer, as Astro makes one per content sync. Of renders asked for at once,
 * the first runs in the main thread and the others in workers; a render alone runs in the main
 * thread.
 */
const parallelRenderer = () => parallelUnified({ smartypants: false }).createRenderer(shared);

beforeAll(async () => {
  vi.stubEnv('MARKDOWN_WORKERS', '2');
  inMainThread = await unified({ smartypants: false, remarkPlugins, rehypePlugins }).createRenderer(
    shared,
  );
});

afterAll(() => {
  vi.unstubAllEnvs();
});

// Starting two worker threads takes seconds on a loaded two-core machine (5 s timed out on main
// too): these tests wait for workers, not for a deadline.
describe('rendering in worker threads', { timeout: 30_000 }, () => {
  it('gives the html and metadata the main thread gives, for every input', async () => {
    const renderer = await parallelRenderer();
    const before = started.workers;
    // Twice each, all at once, as Astro's glob loader asks: the jobs spread over both workers.
    const entries = [...Object.entries(inputs), ...Object.entries(inputs)];
    const results = await Promise.all(
      entries.map(([, { body, options }]) => renderer.render(body, options)),
    );
    expect(started.workers - before).toBe(2);
    for (const [i, [name, { body, options }]] of entries.entries()) {
      expect(results[i], name).toEqual(await inMainThread.render(body, options));
    }
  });

  it('renders an article that comes alone in the main thread, starting no worker', async () => {
    const renderer = await parallelRenderer();
    const before = started.workers;
    const { body, options } = inputs['the seed article'];
    expect(await renderer.render(body, options)).toEqual(await inMainThread.render(body, options));
    expect(started.workers).toBe(before);
  });

  it('brings back what plugins add to the frontmatter, with its dates still dates', async () => {
    const renderer = await parallelRenderer();
    const { body, options } = inputs['the seed article'];
    const [, { metadata }] = await Promise.all([
      renderer.render(body, options),
      renderer.render(body, options),
    ]);
    expect(metadata.frontmatter['published']).toBeInstanceOf(Date);
    expect(metadata.frontmatter['published']).toEqual(options.frontmatter['published']);
    expect(Object.keys(metadata.frontmatter['names'] as object)).toContain('kyiv');
    expect(metadata.headings.length).toBeGreaterThan(0);
  });

  it('renders in the main thread what cannot cross to a worker, with the same result', async () => {
    const renderer = await parallelRenderer();
    const { body, options } = inputs['pinned ids and aliases'];
    const odd = { ...options, frontmatter: { ...options.frontmatter, toString: () => 'odd' } };
    const [, { code }] = await Promise.all([
      renderer.render(body, options),
      renderer.render(body, odd),
    ]);
    expect(code).toBe((await inMainThread.render(body, odd)).code);
  });

  it("fails as the main thread does when a plugin throws, naming the article's file", async () => {
    const renderer = await parallelRenderer();
    const body = '## Jets\n';
    const options = {
      frontmatter: { aliases: { 'fighter-jets': 'no-such-id' } },
      fileURL: new URL('file:///content/articles/broken.md'),
    };
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const expected = await inMainThread.render(body, options).catch((error: Error) => error);
    quiet.mockRestore();
    expect(expected).toBeInstanceOf(Error);
    const { body: fine, options: fineOptions } = inputs['the seed article'];
    const [, error] = await Promise.all([
      renderer.render(fine, fineOptions),
      renderer.render(body, options).catch((error: Error) => error),
    ]);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe((expected as Error).message);
    expect((error as Error).message).toMatch(
      /\/content\/articles\/broken\.md: aliases: fighter-jets: no-such-id: no element/,
    );
  });
});
