/**
 * The search index as built: each part's documents (the scoring data the browser reads before
 * any fragment) and the word directory agree with the articles, and Pagefind's fragment format,
 * which the build reads to learn Pagefind's id for each article, is still the one it expects.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fragmentUrl } from '../../src/integrations/search-index';
import {
  POSTINGS_DIR,
  parseDirectory,
  parsePostings,
  postingFile,
  termFile,
} from '../../src/lib/search-directory';
import {
  PARTS_MANIFEST,
  PART_DOCUMENTS,
  parseFragment,
  publishedDay,
  type PartDocuments,
  type PartsManifest,
} from '../../src/lib/search-parts';
import { VOCABULARY_DIR, wordForms } from '../../src/lib/search-words';
import { builtPages, readPage } from '../support/dist';
import { distDir } from '../support/paths';

const manifest = JSON.parse(readFileSync(join(distDir, PARTS_MANIFEST), 'utf8')) as PartsManifest;
const articlePages = builtPages().filter((page) => page.startsWith('articles/'));

/** What an article page declares for the index. */
function declared(page: string): { path: string; published: string } {
  const data = readPage(page).querySelector('article[data-search]')?.getAttribute('data-search');
  return JSON.parse(data ?? '{}') as { path: string; published: string };
}

describe('the search index', () => {
  it("reads Pagefind's id of each article from the fragments Pagefind wrote (its format, pinned)", () => {
    const [newest] = manifest.parts;
    const dir = join(distDir, newest!.dir, 'fragment');
    const urls = readdirSync(dir).map((name) => fragmentUrl(readFileSync(join(dir, name))));
    expect(urls.length).toBe(newest!.articles);
    for (const url of urls) expect(url).toMatch(/^\/articles\/.+\/$/);
  });

  it("gives every part its articles' ids, days and lengths, in publication order", () => {
    const byPath = new Map(articlePages.map((page) => [declared(page).path, declared(page)]));
    let articles = 0;
    for (const part of manifest.parts) {
      const documents = JSON.parse(
        readFileSync(join(distDir, part.dir, PART_DOCUMENTS), 'utf8'),
      ) as PartDocuments;
      expect(documents.ids).toHaveLength(part.articles);
      expect(documents.days).toHaveLength(part.articles);
      expect(documents.words).toHaveLength(part.articles);
      for (const [i, id] of documents.ids.entries()) {
        const fragment = readFileSync(join(distDir, part.dir, 'fragment', `${id}.pf_fragment`));
        const article = byPath.get(fragmentUrl(fragment));
        expect(article, id).toBeDefined();
        expect(documents.days[i]).toBe(publishedDay(article!.published));
        expect(documents.words[i]).toBeGreaterThan(10);
      }
      expect([...documents.days]).toEqual([...documents.days].sort((a, b) => a - b));
      articles += part.articles;
    }
    expect(articles).toBe(articlePages.length);
    expect(manifest.averageWords).toBeGreaterThan(10);
  });

  it('lists in the word directory how many articles hold a word, and in which parts', () => {
    const terms = (term: string) =>
      parseDirectory(readFileSync(join(distDir, VOCABULARY_DIR, `${termFile(term)}.txt`), 'utf8'));
    const holding = (word: string) =>
      articlePages.filter((page) =>
        new RegExp(`\\b${word}\\b`, 'i').test(
          readPage(page).querySelector('article[data-search]')?.textContent ?? '',
        ),
      ).length;
    for (const word of ['stoltenberg', 'attrition', 'kremlin']) {
      const stats = terms(word).get(word);
      expect(stats?.articles, word).toBe(holding(word));
      expect(stats?.parts, word).toEqual(manifest.parts.map((part) => part.place).sort());
    }
    expect(terms('marathon').get('marathon')).toBeUndefined();
  });

  it("gives a rare word's postings: each names its article's fragment, day and length", () => {
    expect(manifest.postings).toBeGreaterThanOrEqual(articlePages.length);
    const documents = new Map(
      manifest.parts.map((part) => [
        part.place,
        JSON.parse(readFileSync(join(distDir, part.dir, PART_DOCUMENTS), 'utf8')) as PartDocuments,
      ]),
    );
    const dirOf = new Map(manifest.parts.map((part) => [part.place, part.dir]));
    for (const word of ['stoltenberg', 'attrition']) {
      const file = join(distDir, VOCABULARY_DIR, POSTINGS_DIR, `${postingFile(word)}.txt`);
      const postings = parsePostings(readFileSync(file, 'utf8')).get(word);
      const stats = parseDirectory(
        readFileSync(join(distDir, VOCABULARY_DIR, `${termFile(word)}.txt`), 'utf8'),
      ).get(word);
      expect(postings, word).toHaveLength(stats!.articles);
      for (const posting of postings!) {
        const part = documents.get(posting.place)!;
        const at = part.ids.indexOf(posting.id);
        expect(at, posting.id).toBeGreaterThanOrEqual(0);
        expect(posting.day).toBe(part.days[at]);
        expect(posting.words).toBe(part.words[at]);
        const fragment = readFileSync(
          join(distDir, dirOf.get(posting.place)!, 'fragment', `${posting.id}.pf_fragment`),
        );
        // The record says the word (any form of it) as often as the posting counts.
        const text = parseFragment<{ content: string }>(gunzipSync(fragment).toString('utf8'));
        const said = text.content
          .split(/\s+/)
          .filter((written) => wordForms(written).includes(word));
        expect(posting.occurrences, word).toBe(said.length);
      }
    }
  });
});
