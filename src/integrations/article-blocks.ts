import { Parser } from 'htmlparser2';

/** A cited block of an article's body: a paragraph, list item, quotation or heading with an id. */
export interface ArticleBlock {
  id: string;
  tag: string;
  /** Its text as written, white space and all, nested blocks' text included. */
  text: string;
}

/** What a built article page holds for the search index. */
export interface ArticleBlocks {
  /** The raw `data-search` attribute of the page's `<article>`. */
  data: string;
  /** In document order, a block nested in another after it. */
  blocks: ArticleBlock[];
}

const blockTags = new Set(['p', 'li', 'blockquote', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Reads the first `<article data-search>` of a page and the blocks with an id inside its
 * `.article-body`, or nothing if either is missing. Parses as a stream, without building the
 * page's tree (which took longer than everything else in making a record), and stops at the end
 * of the body. htmlparser2 closes every element it opens, implied ones too, so depths counted
 * here match the tree `parseDocument` would build.
 */
export function readArticleBlocks(html: string): ArticleBlocks | undefined {
  let depth = 0;
  let articleDepth = 0;
  let bodyDepth = 0;
  let data = '';
  let finished = false;
  const blocks: ArticleBlock[] = [];
  /** The blocks being read, with the depth each was opened at. */
  const open: { block: ArticleBlock; depth: number }[] = [];

  const parser = new Parser({
    onopentag(name, attributes) {
      depth++;
      if (!articleDepth) {
        if (name === 'article' && 'data-search' in attributes) {
          articleDepth = depth;
          data = attributes['data-search']!;
        }
      } else if (!bodyDepth) {
        if (hasClass(attributes['class'], 'article-body')) bodyDepth = depth;
      } else if (blockTags.has(name) && 'id' in attributes) {
        const block = { id: attributes['id']!, tag: name, text: '' };
        blocks.push(block);
        open.push({ block, depth });
      }
    },
    ontext(text) {
      for (const { block } of open) block.text += text;
    },
    onclosetag() {
      if (open.at(-1)?.depth === depth) open.pop();
      if (depth === bodyDepth || depth === articleDepth) {
        finished = true;
        parser.pause();
      }
      depth--;
    },
  });
  parser.write(html);
  // A page cut short: closing what is still open ends the body, as it would in the tree.
  if (!finished) parser.end();
  return bodyDepth ? { data, blocks } : undefined;
}

function hasClass(value: string | undefined, name: string): boolean {
  return (value ?? '').split(/\s+/).includes(name);
}
