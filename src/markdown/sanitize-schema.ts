import { defaultSchema, type Options as Schema } from 'rehype-sanitize';

/**
 * What raw HTML in an article may keep: GitHub's allow-list (no script, style, iframe, object,
 * form or input, no event handlers, links and images only to http(s), mailto and relative addresses)
 * plus `id` (pinned ids, kept as written rather than prefixed), `dir` and `lang` anywhere.
 *
 * It runs before the site's own plugins, so the ids, classes and links the site adds need no
 * room here; an article id that takes one of the page's own ids is renamed after it
 * (`rehype-reserved-ids.ts`).
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  // GitHub keeps <input> for task-list checkboxes; a news article has no use for form controls.
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => tag !== 'input'),
  clobber: [],
  attributes: {
    ...defaultSchema.attributes,
    '*': [
      ...(defaultSchema.attributes?.['*'] ?? []).filter((name) => name !== 'name'),
      'id',
      'dir',
      'lang',
    ],
  },
};
