import type { RehypePlugins, RemarkPlugins } from '@astrojs/markdown-remark';
import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import { glossary } from '../content/site-glossary';
import { reservedIds } from '../lib/template-ids';
import rehypeAnchorAliases from './rehype-anchor-aliases';
import rehypeDirAuto from './rehype-dir-auto';
import rehypeFigures from './rehype-figures';
import rehypeGlossaryNames from './rehype-glossary-names';
import rehypeParagraphIds from './rehype-paragraph-ids';
import rehypeParagraphLinks from './rehype-paragraph-links';
import rehypeRawWhereNeeded from './rehype-raw-where-needed';
import rehypeReadingTime from './rehype-reading-time';
import rehypeReservedIds from './rehype-reserved-ids';
import { sanitizeSchema } from './sanitize-schema';
import remarkImageAlt from './remark-image-alt';
import remarkPinnedIds from './remark-pinned-ids';

/** The article pipeline, in order. Shared by `astro.config.mjs` and the unit tests. */
export const remarkPlugins: RemarkPlugins = [remarkPinnedIds, remarkImageAlt];

/** A heading's own text, spaced as it reads. */
const sectionName = (heading: Element) => toString(heading).replace(/\s+/g, ' ').trim();

export const rehypePlugins: RehypePlugins = [
  // Raw HTML is parsed here, not at the end where Astro would, so the sanitizer sees all of it
  // before the site adds anything of its own.
  rehypeRawWhereNeeded,
  [rehypeSanitize, sanitizeSchema],
  // Before the paragraph ids: a picture alone in its paragraph is a figure, not a paragraph.
  rehypeFigures,
  rehypeReadingTime,
  rehypeSlug,
  [rehypeReservedIds, { reserved: reservedIds }],
  rehypeParagraphIds,
  rehypeAnchorAliases,
  // After the ids, and with no text inside the link: Astro collects each heading's text after
  // these plugins run, and the table of contents must not read "Fighter jets#".
  [
    rehypeAutolinkHeadings,
    {
      behavior: 'append',
      content: [],
      // A heading is named by everything inside it, the anchor's label too: name it by its own
      // text, or a screen reader's list of headings reads "Fighter jets Link to section: ...".
      headingProperties: (heading: Element) => ({ ariaLabel: sectionName(heading) }),
      properties: (heading: Element) => ({
        className: ['heading-anchor'],
        ariaLabel: `Link to section: ${toString(heading)}`,
        dataPagefindIgnore: '',
      }),
    },
  ],
  rehypeParagraphLinks,
  rehypeDirAuto,
  [rehypeGlossaryNames, { glossary }],
];
