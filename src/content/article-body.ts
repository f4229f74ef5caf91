import { render } from 'astro:content';
import type { ArticleEntry } from '../lib/articles';
import { readPageRender } from './rendered-html';

/**
 * An article's body as a component, its pictures published, with its headings and names. The
 * body was rendered while the content loaded and waits in a file (rendered-html.ts); its local
 * pictures still carry Astro's image marks (`rehypeImages`). Astro's `render()` resolves them
 * through `getImage()` (WebP files, `srcset`, `width` and `height`), as it does for HTML kept in
 * its store, so it is given the entry with the HTML read back. Anything that shows a body (a
 * feed's full text, say) takes it from here: the HTML file alone has pictures without a source.
 */
export async function renderArticleBody(article: ArticleEntry) {
  const { html, headings, names } = await readPageRender(article.rendered);
  const { Content } = await render({
    ...article,
    ...(article.rendered ? { rendered: { ...article.rendered, html } } : {}),
  });
  return { Content, headings, names };
}
