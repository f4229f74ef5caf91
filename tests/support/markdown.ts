import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { parseHTML } from 'linkedom';
import { expect, vi } from 'vitest';
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

/**
 * Renders Markdown that must fail, and returns the error. Astro's processor also prints the
 * error with its stack, which would look like a failure in a passing run: it is checked here
 * instead of printed.
 */
export async function renderArticleError(
  markdown: string,
  frontmatter: Record<string, unknown> = {},
): Promise<Error> {
  const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const error = await renderArticle(markdown, frontmatter).then(
      () => undefined,
      (error: unknown) => error,
    );
    if (!(error instanceof Error)) throw new Error('expected the article to fail to render');
    expect(printed).toHaveBeenCalledWith(error);
    return error;
  } finally {
    printed.mockRestore();
  }
}
