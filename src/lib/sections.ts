import { getArticles, tagPath, tagSlug } from './articles';

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
 * The site's sections: its most used tags, most articles first (ties by name). Every page's
 * masthead shows them, so they are counted once a build, not once a page.
 */
export function siteSections(): Promise<Section[]> {
  // `astro dev` keeps the module while articles change: count again on every page there.
  if (import.meta.env.DEV) sections = undefined;
  sections ??= getArticles().then((articles) => {
    const byTag = new Map<string, Section>();
    for (const article of articles) {
      for (const name of article.data.tags) {
        const section = byTag.get(tagSlug(name)) ?? { name, path: tagPath(name), articles: 0 };
        section.articles++;
        byTag.set(tagSlug(name), section);
      }
    }
    return [...byTag.values()]
      .sort((a, b) => b.articles - a.articles || a.name.localeCompare(b.name, 'en'))
      .slice(0, SECTIONS_SHOWN);
  });
  return sections;
}
