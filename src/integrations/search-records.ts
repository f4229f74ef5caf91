import type { Element } from 'domhandler';
import { findAll, findOne, getAttributeValue, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import type { NameMatch } from '../lib/names';
import { segmentWords } from '../lib/segment';

/** What an article page declares about itself for the index, in `<article data-search>`. */
export interface ArticleSearchData {
  /** Site-relative address of the article, e.g. `/articles/x/`. */
  path: string;
  title: string;
  description: string;
  published: string;
  tags: string[];
  language: string;
}

/**
 * One Pagefind record: an article's headline, one of its sections, or one of its paragraphs.
 *
 * Pagefind searches every `meta` value as text (a search for "2023" would match every record
 * through a date, "tanks" every paragraph under a "Tanks" heading), so records carry no meta.
 * What the results page shows (title, section, date, order) travels as filters instead: they
 * come back with each result and are not searched as words.
 */
export interface SearchRecord {
  url: string;
  content: string;
  filters: Record<string, string[]>;
  sort: Record<string, string>;
}

const blockTags = new Set(['p', 'li', 'blockquote', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * The records of one built article page: its headline and standfirst, then every section heading
 * and citable block of its body, each addressed by its anchor. Pages without
 * `<article data-search>` give none.
 */
export function articleRecords(
  html: string,
  findNames: (text: string) => NameMatch[],
): SearchRecord[] {
  if (!html.includes('data-search=')) return [];
  const document = parseDocument(html);
  const article = findOne(
    (element) => element.name === 'article' && 'data-search' in element.attribs,
    document.children,
  );
  const body = article && findOne((element) => hasClass(element, 'article-body'), article.children);
  if (!article || !body) return [];
  const data = JSON.parse(getAttributeValue(article, 'data-search')!) as ArticleSearchData;
  const sort = { published: data.published };
  /** Tags, and the glossary names the text mentions in any spelling. */
  const filters = (text: string, kind: string, order: number, section = '') => {
    const names = [...new Set(findNames(text).map((match) => match.entry.id))].sort();
    return {
      kind: [kind],
      title: [data.title],
      published: [data.published],
      order: [String(order)],
      ...(section ? { section: [section] } : {}),
      ...(data.tags.length > 0 ? { tag: data.tags } : {}),
      ...(names.length > 0 ? { name: names } : {}),
    };
  };
  const headline = `${data.title}\n${data.description}`;
  const records: SearchRecord[] = [
    {
      url: data.path,
      content: segmentWords(headline),
      filters: filters(headline, 'headline', 0),
      sort,
    },
  ];
  let section = '';
  let order = 0;
  for (const element of findAll(
    (node) => blockTags.has(node.name) && 'id' in node.attribs,
    body.children,
  )) {
    const text = textContent(element).replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const isHeading = element.name.startsWith('h');
    if (isHeading) section = text;
    records.push({
      url: `${data.path}#${element.attribs['id']}`,
      content: segmentWords(text),
      filters: filters(text, isHeading ? 'section' : 'paragraph', ++order, section),
      sort,
    });
  }
  return records;
}

function hasClass(element: Element, name: string): boolean {
  return (getAttributeValue(element, 'class') ?? '').split(/\s+/).includes(name);
}
