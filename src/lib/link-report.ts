/**
 * What an edit does to the links readers already have: for every article whose blocks changed
 * between an earlier build and this one, each old paragraph and section link and where it now
 * lands, by the rules the reader's browser follows (`paragraph-landing.ts`, shared with
 * `src/scripts/paragraph-anchors.ts`).
 */
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { readArticleBlocks } from '../integrations/article-blocks';
import { plural } from './plural';
import {
  fingerprint,
  fingerprintDistance,
  SAME_PARAGRAPH_MAX_DISTANCE,
} from '../markdown/fingerprint';
import { landingOf, type LandingCandidate, type LandingPage } from './paragraph-landing';

type Element = ReturnType<typeof DomUtils.findAll>[number];

export interface OldLink {
  id: string;
  kind: 'section' | 'paragraph';
  /** The text it pointed at, in the earlier build. */
  text: string;
}

export type Fate =
  /** Lands on its own block, unchanged. */
  | { kind: 'unchanged' }
  /** Lands through an alias on the block that now has `id`. */
  | { kind: 'alias'; id: string }
  /** Lands on its paragraph, edited: `distance` bits of the fingerprint's 128 moved. */
  | { kind: 'edited'; id: string; distance: number }
  /** The paragraph was removed or rewritten: readers see the "passage has changed" notice. */
  | { kind: 'notice' }
  /** The section's heading was renamed (or removed) and no alias keeps the old id. */
  | { kind: 'section-renamed'; suggestion?: string | undefined };

export interface ArticleLinks {
  /** The article's folder in the build, e.g. `articles/kyiv-talks/`. */
  path: string;
  title: string;
  /** `removed`: the earlier build had the article and this one does not (every link is a 404). */
  status: 'changed' | 'removed';
  links: { link: OldLink; fate: Fate }[];
}

/** Every article page of a build folder, as `articles/<id>/`, sorted. */
export async function articlePages(root: string): Promise<string[]> {
  const dir = join(root, 'articles');
  if (!existsSync(dir)) return [];
  return (await readdir(dir, { recursive: true, encoding: 'utf8' }))
    .filter((file) => file === 'index.html' || file.endsWith(`${sep}index.html`))
    .map((file) => `articles/${file.split(sep).slice(0, -1).join('/')}/`)
    .filter((path) => path !== 'articles//')
    .sort();
}

/** The blocks a page's links can point at, in a form that compares equal when nothing moved. */
function blocksKey(html: string): string {
  const page = readArticleBlocks(html);
  return JSON.stringify(page?.blocks.map(({ id, tag, text }) => [id, tag, text]) ?? null);
}

interface ParsedPage {
  title: string;
  byId: Map<string, Element>;
  body: Element | undefined;
  headings: Element[];
  landing: LandingPage<Element>;
}

const textOf = (element: Element) => DomUtils.textContent(element);
const classesOf = (element: Element) => (element.attribs['class'] ?? '').split(/\s+/);
const isHeading = (element: Element) => /^h[2-6]$/.test(element.name);

function parsePage(html: string): ParsedPage {
  const document = parseDocument(html);
  const byId = new Map<string, Element>();
  // The first element with an id wins, as with getElementById.
  for (const element of DomUtils.findAll((node) => 'id' in node.attribs, document.children)) {
    if (!byId.has(element.attribs['id']!)) byId.set(element.attribs['id']!, element);
  }
  const body =
    DomUtils.findOne((node) => classesOf(node).includes('article-body'), document.children) ??
    undefined;
  const inBody = (test: (element: Element) => boolean) =>
    body ? DomUtils.findAll(test, body.children) : [];
  const title = DomUtils.textContent(
    DomUtils.findOne((node) => node.name === 'h1', document.children) ?? [],
  ).trim();
  return {
    title,
    byId,
    body,
    headings: inBody((node) => isHeading(node) && 'id' in node.attribs),
    landing: {
      element(id) {
        const found = byId.get(id);
        if (!found) return undefined;
        const parent =
          found.parent && 'attribs' in found.parent ? (found.parent as Element) : undefined;
        return classesOf(found).includes('anchor-alias') && parent
          ? { block: found, aliasOf: { block: parent, id: parent.attribs['id'] ?? '' } }
          : { block: found };
      },
      candidates: () =>
        inBody(
          (node) =>
            'data-fingerprint' in node.attribs || (node.attribs['id'] ?? '').startsWith('p-'),
        ).map((block): LandingCandidate<Element> => ({
          block,
          id: block.attribs['id'] ?? '',
          fingerprint: block.attribs['data-fingerprint'],
          text: textOf(block),
        })),
    },
  };
}

/** The links into an article's body that readers may hold: its sections, paragraphs and aliases. */
function oldLinks(page: ParsedPage): OldLink[] {
  if (!page.body) return [];
  const links: OldLink[] = [];
  for (const element of DomUtils.findAll((node) => 'id' in node.attribs, page.body.children)) {
    const id = element.attribs['id']!;
    const alias = classesOf(element).includes('anchor-alias');
    const block =
      alias && element.parent && 'attribs' in element.parent
        ? (element.parent as Element)
        : element;
    const cited =
      isHeading(block) ||
      'data-fingerprint' in block.attribs ||
      (block.attribs['id'] ?? '').startsWith('p-');
    if (!cited) continue;
    links.push({
      id,
      kind: isHeading(block) ? 'section' : 'paragraph',
      text: textOf(block).trim(),
    });
  }
  return links;
}

function fateOf(link: OldLink, before: ParsedPage, after: ParsedPage): Fate {
  const landing = landingOf(link.id, after.landing);
  switch (landing.kind) {
    case 'alias':
      return { kind: 'alias', id: landing.id };
    case 'exact': {
      const text = textOf(landing.block).trim();
      if (text === link.text) return { kind: 'unchanged' };
      // An id the editor pinned stays while its text changes.
      return {
        kind: 'edited',
        id: link.id,
        distance: fingerprintDistance(fingerprint(link.text), fingerprint(text)),
      };
    }
    case 'nearest':
      return { kind: 'edited', id: landing.id, distance: landing.distance };
    case 'notice': {
      if (link.kind === 'paragraph') return { kind: 'notice' };
      // The heading in the old one's place, if it is new: most likely the old one renamed.
      const place = before.headings.findIndex((heading) => heading.attribs['id'] === link.id);
      const candidate = after.headings[place]?.attribs['id'];
      const suggestion = candidate && !before.byId.has(candidate) ? candidate : undefined;
      return { kind: 'section-renamed', suggestion };
    }
  }
}

/**
 * Compares the article pages of an earlier build (`since`) with this one (`dist`). Articles whose
 * blocks are the same in both are left out; so are new articles, which no one has linked to yet.
 * A page `unchanged` says is byte for byte the earlier one (by digests kept from that build) is
 * not read at all.
 */
export async function linkReport(
  since: string,
  dist: string,
  unchanged: (path: string) => boolean = () => false,
): Promise<ArticleLinks[]> {
  const [before, after] = await Promise.all([articlePages(since), articlePages(dist)]);
  const now = new Set(after);
  const reports: ArticleLinks[] = [];
  for (const path of before) {
    if (now.has(path) && unchanged(path)) continue;
    const oldHtml = await readFile(join(since, path, 'index.html'), 'utf8');
    if (!now.has(path)) {
      const page = parsePage(oldHtml);
      reports.push({ path, title: page.title, status: 'removed', links: [] });
      continue;
    }
    const newHtml = await readFile(join(dist, path, 'index.html'), 'utf8');
    if (oldHtml === newHtml || blocksKey(oldHtml) === blocksKey(newHtml)) continue;
    const [oldPage, newPage] = [parsePage(oldHtml), parsePage(newHtml)];
    reports.push({
      path,
      title: newPage.title,
      status: 'changed',
      links: oldLinks(oldPage).map((link) => ({ link, fate: fateOf(link, oldPage, newPage) })),
    });
  }
  return reports;
}

function shorten(text: string, words = 8): string {
  const all = text.split(/\s+/).filter(Boolean);
  return all.length > words ? `${all.slice(0, words).join(' ')}…` : all.join(' ');
}

function describeFate({ link, fate }: ArticleLinks['links'][number]): string {
  switch (fate.kind) {
    case 'unchanged':
      return `lands unchanged         #${link.id}`;
    case 'alias':
      return `lands through an alias  #${link.id} -> #${fate.id}`;
    case 'edited':
      return (
        `lands on edited text    #${link.id}` +
        (fate.id === link.id ? '' : ` -> #${fate.id}`) +
        ` (distance ${fate.distance} of at most ${SAME_PARAGRAPH_MAX_DISTANCE})`
      );
    case 'notice':
      return `shows the notice        #${link.id}: the paragraph was removed or rewritten ("${shorten(link.text)}")`;
    case 'section-renamed':
      return (
        `section renamed         #${link.id} ("${shorten(link.text)}"): no alias, readers see the notice` +
        (fate.suggestion ? `; to keep it, add to aliases: ${link.id}: ${fate.suggestion}` : '')
      );
  }
}

/** The report as text: a summary line, then each article's links. */
export function formatLinkReport(reports: ArticleLinks[], since: string): string {
  if (reports.length === 0)
    return `Link report against ${since}: no article's paragraphs or sections changed.`;
  const counts = { unchanged: 0, alias: 0, edited: 0, notice: 0, 'section-renamed': 0 };
  for (const report of reports) for (const { fate } of report.links) counts[fate.kind]++;
  const removed = reports.filter((report) => report.status === 'removed').length;
  const lines = [
    `Link report against ${since}: ${plural(reports.length - removed, 'article')} changed` +
      (removed ? `, ${plural(removed, 'article')} removed` : '') +
      '.',
    `  Old links: ${counts.unchanged + counts.alias} land unchanged` +
      (counts.alias ? ` (${counts.alias} through an alias)` : '') +
      `, ${counts.edited} land on an edited paragraph, ${counts.notice} show the "passage has changed" notice, ` +
      `${plural(counts['section-renamed'], 'point', 'point')} at a section renamed without an alias.`,
  ];
  for (const report of reports) {
    lines.push('', `${report.path}  ${report.title}`);
    if (report.status === 'removed') {
      lines.push('  removed: every link to this article now gets "page not found"');
      continue;
    }
    for (const entry of report.links) lines.push(`  ${describeFate(entry)}`);
  }
  return lines.join('\n');
}
