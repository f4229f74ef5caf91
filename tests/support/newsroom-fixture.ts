import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { article, seedPictures, seedSlug, seedSource } from './article-source';
import { projectRoot } from './paths';

export const correctedSlug = 'corrected';

/** The paragraph the fixture's lists follow, in the "Ammunition, repairs and money" section. */
const listsAfter =
  '“It is now a battle of attrition, and a battle of attrition is becoming a logistical war,” he said.';

/**
 * The seed article as a newsroom would run it after the fact: published at a time written
 * without an offset, updated, corrected twice, with a tight and a loose list. Built with the
 * site's glossary, so its names list is the seed's.
 */
export function correctedArticleFiles(): Record<string, string | Uint8Array> {
  const { frontmatter, body } = seedSource();
  if (!body.includes(listsAfter)) throw new Error('fixture: the seed article has changed');
  const withLists = body.replace(
    listsAfter,
    `${listsAfter}

What the allies are sending, as reported from Ramstein:

- Patriot air defence systems, from the United States, Germany and the Netherlands
- Leopard 2 tanks, to be repaired at a joint centre in Poland
- Ammunition and spare parts for the systems already deployed

Where the allies still differ:

1. Fighter jets divide the supporters of Kiev.

   Slovakia and Poland have begun supplying Mig-29 fighters.

2. Modern Western aircraft have yet to be discussed.`,
  );
  const timed = frontmatter
    .replace('published: 2023-04-21', 'published: 2023-04-21 18:40\nupdated: 2023-04-22T09:05')
    .concat(
      '\ncorrections:',
      '\n  - date: 2023-04-22T09:05',
      '\n    text: An earlier version put the number of countries represented at 40; it was around 50.',
      '\n  - date: 2023-04-22',
      "\n    text: An earlier version misspelt the name of Ukraine's defence minister.",
    );
  const withLinks = `${withLists.trimEnd()}

This story updates [the first report](/articles/${seedSlug}/), with [NATO's own account](https://www.nato.int/).
`;
  return {
    [`articles/${seedSlug}.md`]: article(frontmatter, body),
    ...seedPictures(),
    'glossary.yaml': readFileSync(join(projectRoot, 'content/glossary.yaml'), 'utf8'),
    [`articles/${correctedSlug}.md`]: article(timed, withLinks),
  };
}
