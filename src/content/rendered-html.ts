/**
 * Rendered article bodies kept on disk, beside Astro's content store instead of inside it.
 *
 * Astro's content layer keeps every article's rendered HTML in its store, and a build holds the
 * store in memory several times over (as loaded, as bundled chunks, as read back to render
 * pages). At 20,000 articles the build ran out of V8's 4 GB heap after indexing. Here the
 * Markdown renderer's HTML goes to a file named by the article and a digest of its source
 * (`<cache>/article-html/`), and the store keeps only the file's name with the headings and
 * the plugins' frontmatter. The article page reads its body back (`readRenderedHtml`) while
 * it is rendered, so one article's HTML is in memory at a time. Unchanged articles keep their
 * file from build to build, as they keep their store entry.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { missingImageFile } from './local-images';

/** What a Markdown render gives Astro's store (Astro's `RenderedContent`). */
export interface Rendered {
  html: string;
  metadata?: Record<string, unknown>;
}

/** The metadata key that names an article's HTML file. */
const HTML_FILE = 'htmlFile';

export function renderedHtmlDir(cacheDir: URL): string {
  return fileURLToPath(new URL('./article-html/', cacheDir));
}

/**
 * Writes a render's HTML to its file in `dir` and gives what the store keeps instead: the
 * file's name in the metadata. Astro publishes the pictures beside the article (the page
 * renders them through `render()`); a picture whose file is missing stops the load here.
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
  const name = createHash('sha256')
    .update(`${entry.id}\n${entry.digest}\n${rendered.html}`)
    .digest('hex')
    .slice(0, 24);
  const file = `${dir}/${name}.html`;
  await mkdir(dir, { recursive: true });
  await writeFile(file, rendered.html);
  const metadata = withoutSourceFrontmatter(rendered.metadata, entry.frontmatterKeys);
  return { html: '', metadata: { ...metadata, [HTML_FILE]: file } };
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

/** An article's rendered body: from its file, or from the store when it holds the HTML itself. */
export async function readRenderedHtml(rendered: Rendered | undefined): Promise<string> {
  const file = rendered?.metadata?.[HTML_FILE];
  if (typeof file !== 'string') return rendered?.html ?? '';
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(
      `The rendered article ${file} is missing from Astro's cache. Build again with \`astro build --force\` to render every article anew.`,
      { cause: error },
    );
  }
}
