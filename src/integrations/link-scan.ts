/**
 * What the link check reads from each built file: its ids and the addresses it links to. Kept
 * apart from the check itself because a file's scan is cached by the file's bytes and this
 * module's code (`link-scan-cache.ts`): a change here, and only here, makes every file scanned
 * again.
 */
import { Parser } from 'htmlparser2';

export interface PageScan {
  ids: Set<string>;
  duplicateIds: Set<string>;
  links: string[];
}

/** Metadata whose `content` is an address of the site's own. */
const addressMeta = new Set(['og:url', 'og:image', 'twitter:image']);

/**
 * Reads a page's ids and every address it links to: `a`, `area` and `link` elements, where its
 * forms go (`action`) and its Open Graph address. Not what it loads (`src`): an article's
 * broken image is the author's to see, and sanitized hostile markup leaves such addresses.
 */
export function scanPage(html: string): PageScan {
  const scan: PageScan = { ids: new Set(), duplicateIds: new Set(), links: [] };
  const parser = new Parser({
    onopentag(name, attributes) {
      const id = attributes['id'];
      if (id !== undefined) {
        if (scan.ids.has(id)) scan.duplicateIds.add(id);
        scan.ids.add(id);
      }
      const add = (address: string | undefined) => {
        if (address !== undefined) scan.links.push(address);
      };
      if (name === 'a' || name === 'area' || name === 'link') add(attributes['href']);
      if (name === 'form') add(attributes['action']);
      if (name === 'meta' && addressMeta.has(attributes['property'] ?? attributes['name'] ?? ''))
        add(attributes['content']);
    },
  });
  parser.end(html);
  return withOwnStrings(scan);
}

/**
 * Reads the addresses of a feed or sitemap: `<link>`, `<loc>`, permalink `<guid>` and
 * `atom:link` elements. A feed has no ids to link to.
 */
export function scanXml(xml: string): PageScan {
  const scan: PageScan = { ids: new Set(), duplicateIds: new Set(), links: [] };
  let text: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'atom:link' && attributes['href']) scan.links.push(attributes['href']);
        const permalink = name === 'guid' && attributes['ispermalink'] !== 'false';
        text = name === 'link' || name === 'loc' || permalink ? '' : undefined;
      },
      ontext(chunk) {
        if (text !== undefined) text += chunk;
      },
      onclosetag() {
        if (text?.trim()) scan.links.push(text.trim());
        text = undefined;
      },
    },
    { xmlMode: true, lowerCaseAttributeNames: true, decodeEntities: true },
  );
  parser.end(xml);
  return withOwnStrings(scan);
}

/**
 * The scan with strings of its own. The parser's attribute values and texts are slices of the
 * file's text, and V8 keeps a whole string alive for each slice of it: the link check holds
 * every page's scan until all are read, and so held every page of the site in memory.
 */
function withOwnStrings({ ids, duplicateIds, links }: PageScan): PageScan {
  // JSON.parse makes new strings.
  const copy = JSON.parse(JSON.stringify([[...ids], [...duplicateIds], links])) as string[][];
  return { ids: new Set(copy[0]), duplicateIds: new Set(copy[1]), links: copy[2]! };
}
