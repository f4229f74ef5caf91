import { getArticles, tagPath, tagSlug } from './articles';
import { mostUsedTags } from './most-used-tags';

/** A tag the site shows as a section of the paper, in the masthead's navigation. */
export interface Section {
  name: string;
  path: string;
  articles: number;
}

/** How many sections the masthead names: the tags with the most articles. */
const SECTIONS_SHOWN = 6;

let sections: Promise<Section[]> | undefined;

/**
 * The site's sections: its most used tags (`most-used-tags.ts`: counted over the years before
 * the newest, so that a publish does not reorder them and change every page). Every page's
 * masthead shows them, so they are counted once a build, not once a page.
 */
export function siteSections(): Promise<Section[]> {
  // `astro dev` keeps the module while articles change: count again on every page there.
  if (import.meta.env.DEV) sections = undefined;
  sections ??= getArticles().then((articles) =>
    mostUsedTags(
      articles.map(({ data }) => data),
      SECTIONS_SHOWN,
      tagSlug,
    ).map(({ name, articles }) => ({ name, path: tagPath(name), articles })),
  );
  return sections;
}
