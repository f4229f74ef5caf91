import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from './paths';

/** The seed article as it was scraped, with its scraping artifacts removed (see the README). */
export function seedArticle(): { title: string; related: string[]; paragraphs: string[] } {
  const lines = readFileSync(join(fixturesDir, 'seed-article.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const [title = '', ...rest] = lines;
  const related = rest
    .filter((line) => line.startsWith('• Also read:'))
    .map((line) => line.replace('• Also read:', '').trim());
  const paragraphs = rest.filter((line) => line !== title && !line.startsWith('• Also read:'));
  return { title, related, paragraphs };
}

/** Splits a paragraph into sentences, keeping closing quotes with their sentence. */
export function sentences(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?][”’"]?)\s+(?=[“"A-Z])/u).filter(Boolean);
}
