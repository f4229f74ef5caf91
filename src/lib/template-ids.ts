/**
 * Ids the page templates use. Article headings and paragraphs must never take them (see
 * `src/markdown/rehype-reserved-ids.ts`), or a section called "Main" would capture the skip link.
 */
export const templateIds = {
  main: 'main',
  contents: 'contents',
  contentsHeading: 'contents-heading',
  relatedHeading: 'related-heading',
  tagsHeading: 'tags-heading',
  namesHeading: 'names-heading',
  correctionsHeading: 'corrections-heading',
  anchorNotice: 'anchor-notice',
  linkStatus: 'link-status',
  searchForm: 'site-search',
  searchInput: 'search-input',
  searchPanel: 'search-panel',
  searchStatus: 'search-status',
  searchResults: 'search-results',
  searchTag: 'search-tag',
  searchSort: 'search-sort',
} as const;

// Pure: the pages' scripts import the ids, not this list.
export const reservedIds: readonly string[] = /* @__PURE__ */ Object.values(templateIds);
