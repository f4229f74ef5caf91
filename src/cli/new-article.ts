/**
 * `npm run new -- "Headline"`: starts an article at content/articles/<slug>.md (see
 * src/content/new-article.ts). The build warns about its standfirst and body until they are
 * written.
 */
import { join, relative } from 'node:path';
import { newArticle } from '../content/new-article.ts';
import { STILL_TO_WRITE } from '../content/still-to-write.ts';
import { contentDir } from '../site.ts';

const headline = process.argv.slice(2).join(' ').trim();
if (!headline) {
  console.error('usage: npm run new -- "Headline of the article"');
  process.exit(1);
}
try {
  const { file, slug } = newArticle(headline, join(contentDir, 'articles'));
  console.log(
    `${relative(process.cwd(), file)} created: it builds at articles/${slug}/.\n` +
      `Still to write, marked ${STILL_TO_WRITE}: the standfirst (description) and the body.`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
