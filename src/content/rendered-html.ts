/**
 * Rendered articles kept on disk, beside Astro's content store instead of inside it.
 *
 * Astro's content layer keeps every article's rendered HTML in its store, and a build holds the
 * store in memory several times over (as loaded, as inlined in the bundle, as read back to render
 * pages). At 20,000 articles the build ran out of V8's 4 GB heap after indexing. Here what only
 * the article's own page shows of a render (its HTML, headings and names: `PageRender`) goes to
 * a file named by the article and a digest of what it holds (`<cache>/article-html/`), and the
 * store keeps only the file's name with the rest of the metadata (reading time, pictures). The
 * store is read, written and bundled whole on every build, so what it holds costs every build;
 * the file is read only when its page is rendered, one at a time (`readPageRender`). Unchanged
 * articles keep their file from build to build, as they keep their store entry.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { MarkdownHeading } from 'astro';
import type { NameMentions } from '../markdown/rehype-glossary-names';
import { missingImageFile } from './local-images';

/** What a Markdown render gives Astro's store (Astro's `RenderedContent`). */
export interface Rendered {
  html: string;
  metadata?: Record<string, unknown>;
}

/** The metadata key that names an article's render file. */
const HTML_FILE = 'htmlFile';

/**
 * What only the article's own page shows of its render: its headings (the table of contents)
 * and where each name is mentioned (the plugins' `names`). They are most of a render's
 * metadata, and no other page reads them, so they wait in the render's file with the HTML
 * instead of in the store, which every build reads, writes and bundles whole.
 */
export interface PageRender {
  html: string;
  headings: MarkdownHeading[];
  names: NameMentions;
}

export function renderedHtmlDir(cacheDir: URL): string {
  return fileURLToPath(new URL('./article-html/', cacheDir));
}

/**
 * Writes a render's HTML, headings and names to its file in `dir` and gives what the store
 * keeps instead: the rest of the metadata, and the file's name. The file is named by a digest
 * of what it holds, so an article's page key (page-keys.ts), which digests the metadata, changes
 * with it. Astro publishes the pictures beside the article (the page renders them through
 * `render()`); a picture whose file is missing stops the load here.
 */
export async function keepHtmlInFile(
  rendered: Rendered,
  entry: { id: string; digest: string; filePath: string; frontmatterKeys: readonly string[] },
  dir: string,
): Promise<Rendered> {
  const images = rendered.metadata?.['imagePaths'];
  for (const src of Array.isArray(images) ? images : []) {
    const missing = missingImageFile(entry.filePath, String(src));
    if (missing) throw new Error(missing);
  }
  const { page, rest } = splitRender({
    html: rendered.html,
    metadata: withoutSourceFrontmatter(rendered.metadata, entry.frontmatterKeys),
  });
  const text = JSON.stringify(page);
  const name = createHash('sha256')
    .update(`${entry.id}\n${entry.digest}\n${text}`)
    .digest('hex')
    .slice(0, 24);
  const file = `${dir}/${name}.json`;
  await mkdir(dir, { recursive: true });
  await writeFile(file, text);
  return { html: '', metadata: { ...rest, [HTML_FILE]: file } };
}

/** A render cut into what only its page shows (`PageRender`) and the rest of its metadata. */
function splitRender(rendered: Rendered): { page: PageRender; rest: Record<string, unknown> } {
  const { headings, frontmatter, ...rest } = rendered.metadata ?? {};
  const { names, ...added } = (frontmatter ?? {}) as Record<string, unknown>;
  return {
    page: {
      html: rendered.html,
      headings: (headings ?? []) as MarkdownHeading[],
      names: (names ?? {}) as NameMentions,
    },
    rest: frontmatter ? { ...rest, frontmatter: added } : rest,
  };
}

/**
 * A render's metadata without the file's own frontmatter fields (`sourceKeys`), which Astro
 * copies into it: the store holds them already, validated, as the entry's data, and a second
 * copy per article is memory held for nothing. What the plugins add (reading time, names) stays.
 */
export function withoutSourceFrontmatter(
  metadata: Record<string, unknown> | undefined,
  sourceKeys: readonly string[],
): Record<string, unknown> {
  const { frontmatter, ...rest } = metadata ?? {};
  if (frontmatter === null || typeof frontmatter !== 'object') return rest;
  const source = new Set(sourceKeys);
  const added = Object.entries(frontmatter).filter(([key]) => !source.has(key));
  return { ...rest, frontmatter: Object.fromEntries(added) };
}

/** Deletes the files no entry names any more (articles edited or removed since). */
export function removeUnusedHtml(dir: string, used: Iterable<Rendered | undefined>): void {
  const keep = new Set<string>();
  for (const rendered of used) {
    const file = rendered?.metadata?.[HTML_FILE];
    if (typeof file === 'string') keep.add(file.slice(file.lastIndexOf('/') + 1));
  }
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (!keep.has(name)) rmSync(`${dir}/${name}`, { force: true });
  }
}

/**
 * An article's render as its page shows it: from its file, or from the store when it holds the
 * render itself.
 */
export async function readPageRender(rendered: Rendered | undefined): Promise<PageRender> {
  const file = rendered?.metadata?.[HTML_FILE];
  if (typeof file !== 'string') return splitRender(rendered ?? { html: '' }).page;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(
      `The rendered article ${file} is missing from Astro's cache. Build again with \`astro build --force\` to render every article anew.`,
      { cause: error },
    );
  }
  return JSON.parse(text) as PageRender;
}
