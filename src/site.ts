/**
 * The site's identity, set in one place. The deploy address and base path come from the
 * environment so one build can be served at a domain root or under a sub-path.
 */
export const site = {
  name: 'Dispatch',
  tagline: 'News you can read, search and cite by the paragraph.',
  /** Absolute origin the site is deployed at: used for canonical URLs, feeds and the sitemap. */
  url: process.env['SITE_URL'] ?? 'https://dispatch.example',
  /** Sub-path the site is served under, e.g. `/news/`. */
  base: process.env['BASE_PATH'] ?? '/',
  language: 'en',
  timeZone: 'Europe/Paris',
} as const;

/** Where article Markdown and the glossary live. Benchmarks point this at generated corpora. */
export const contentDir = process.env['CONTENT_DIR'] ?? './content';

/** People, places and organisations with their spellings (see the README). */
export const glossaryFile = `${contentDir}/glossary.yaml`;
