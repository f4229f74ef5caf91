import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { article } from './article-source';
import { projectRoot } from './paths';

/**
 * Tags by how often articles take them (`Europe` every second article, ...), so tag pages share
 * articles. Their counts lie far apart, so one article more or less leaves the masthead's six
 * busiest (its sections) and their order as they were, and `Aid` stays out of them.
 */
const TAGS: [tag: string, every: number][] = [
  ['Ukraine', 1],
  ['Europe', 2],
  ['NATO', 3],
  ['Energy', 4],
  ['Diplomacy', 5],
  ['Markets', 7],
  ['Aid', 11],
];
const AUTHORS = ['Ana Lopes', 'Sam Tester', 'Jens Stoltenberg Jr'];

/** The paragraph `editedFiles` corrects, in every fixture article. */
export const correctedParagraph = (n: number) =>
  `Stoltenberg told reporters in Kyiv that talks number ${n} went on until late.`;

/**
 * One short article of the fixture archive: `n` sets its day (a larger `n` is newer), its tags
 * and its byline, so that the home page, tags, authors, feeds and sitemap all list it.
 */
export function archiveArticle(n: number, title = `Dispatch number ${n} from the front`): string {
  const day = new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
  const tags = TAGS.filter(([, every]) => n % every === 0).map(([tag]) => tag);
  return article(
    [
      `title: ${title}`,
      `description: What happened on day ${n}, as the wires reported it.`,
      `published: ${day}`,
      `byline: ${AUTHORS[n % AUTHORS.length]!}`,
      'tags:',
      ...tags.map((tag) => `  - ${tag}`),
    ].join('\n'),
    [
      '',
      `The ministers met for the ${n}th time, Zelensky said, and the allies agreed to meet again.`,
      '',
      '## What was said',
      '',
      correctedParagraph(n),
      '',
      'NATO said the aid would go on “for as long as it takes”.',
      '',
    ].join('\n'),
  );
}

/**
 * An archive of `count` articles (`articles/dispatch-1.md` the oldest), long enough that the
 * home page and the busiest tags have a second page and the feed has a full archive page.
 */
export function archiveFiles(count: number): Record<string, string> {
  const files: Record<string, string> = {
    'glossary.yaml': readFileSync(join(projectRoot, 'content/glossary.yaml'), 'utf8'),
  };
  for (let n = 1; n <= count; n++) files[`articles/dispatch-${n}.md`] = archiveArticle(n);
  return files;
}
