import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { parseHTML } from 'linkedom';
import { rehypePlugins, remarkPlugins } from '../../src/markdown/pipeline';

let renderer: Promise<MarkdownRenderer> | undefined;

/** Renders Markdown through Astro's own unified pipeline with the site's plugins. */
export async function renderArticle(markdown: string, frontmatter: Record<string, unknown> = {}) {
  renderer ??= createMarkdownProcessor({ remarkPlugins, rehypePlugins, smartypants: false });
  const { code, metadata } = await (
    await renderer
  ).render(markdown, {
    frontmatter,
    fileURL: new URL('file:///content/articles/test.md'),
  });
  const { document } = parseHTML(`<!doctype html><html><body>${code}</body></html>`);
  return {
    html: code,
    headings: metadata.headings,
    /** The frontmatter as the plugins left it (names, reading time). */
    frontmatter: metadata.frontmatter,
    document: document as unknown as Document,
  };
}

/** Text of an element without the text of its descendants' links (there is none: they are empty). */
export function idsOf(document: Document, selector: string): string[] {
  return [...document.querySelectorAll(selector)].map((element) => element.id);
}
