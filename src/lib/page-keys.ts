/**
 * The `cacheKey` of each page from `getStaticPaths()`, for Astro's incremental builds
 * (`experimental.incrementalBuild`): Astro copies a page from the build before when its key and
 * the hash of its code (the page's module graph: layout, components, src/lib) are both unchanged.
 * So a key must change with everything a page shows that is not code: the article itself, the
 * other articles a list shows, the masthead's sections (every page shows them, and they are
 * counted over the whole archive) and the glossary (read from a file, not imported).
 *
 * Keys are digests of what the page is given, not of its output: a key that missed a field would
 * serve a stale page, so an article page's key takes the whole entry, data and rendered
 * metadata, rather than a hand-picked list of the fields shown today. A list page is given only
 * its articles' cards (src/lib/article-card.ts), so its key is a digest of exactly those.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ArticleCard } from './article-card';
import type { ArticleEntry } from './articles';
import type { ListPage } from './pagination';
import { siteSections } from './sections';
import { glossaryFile, site } from '../site';

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

let shared: Promise<string> | undefined;

/**
 * What every page shows besides its own content: the site's settings, the masthead's sections
 * and the glossary. Computed once a build.
 */
export function siteKey(): Promise<string> {
  if (import.meta.env.DEV) shared = undefined;
  shared ??= siteSections().then((sections) => {
    let glossary = '';
    try {
      glossary = readFileSync(glossaryFile, 'utf8');
    } catch {
      // No glossary: the glossary's own loader says so.
    }
    // The masthead shows each section's name and link, not its count: a count that changes
    // with every publish must not change every page's key.
    const shown = sections.map(({ name, path }) => ({ name, path }));
    return digest(JSON.stringify({ site, sections: shown, glossary: digest(glossary) }));
  });
  return shared;
}

/**
 * One article's own key: its id, the digest of its file, its validated data (pictures'
 * sizes and paths included) and the metadata its render left (reading time, pictures, the name of
 * the file that holds its HTML, headings and names, which is a digest of them).
 */
export function entryKey(article: ArticleEntry): string {
  // Each article is listed on several pages (front page, tags, authors, feeds): digest it once.
  let key = entryKeys.get(article);
  if (key === undefined) {
    key = digest(
      JSON.stringify({
        id: article.id,
        digest: article.digest ?? null,
        data: article.data,
        rendered: article.rendered?.metadata ?? null,
      }),
    );
    entryKeys.set(article, key);
  }
  return key;
}

const entryKeys = new WeakMap<ArticleEntry, string>();

/** The key of a page that shows `articles` (one article, or a list), with the page's own `extra`. */
export async function pageKey(
  articles: readonly ArticleEntry[],
  extra: Record<string, unknown> = {},
): Promise<string> {
  return digest(JSON.stringify({ site: await siteKey(), extra, articles: articles.map(entryKey) }));
}

/**
 * The key of one page of a list: its articles' cards (all that a list shows of an article, see
 * src/lib/article-card.ts), where it sits in the list (its number and neighbours; the whole
 * list's size on the first page only) and `extra`.
 */
export async function listPageKey(
  page: ListPage<ArticleCard>,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const { items, ...place } = page;
  return digest(JSON.stringify({ site: await siteKey(), extra: { ...extra, ...place }, items }));
}
