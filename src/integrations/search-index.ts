import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import type { GlossaryEntry } from '../content/glossary';
import { nameMatcher } from '../lib/names';
import { VOCABULARY_DIR, vocabularyFile } from '../lib/search-words';
import { addRecordWords, articleRecord, type SearchRecord } from './search-records';

export interface Options {
  glossary: readonly GlossaryEntry[];
  /** The one language of the index: every article is searchable from every page. */
  language: string;
}

/** The site's HTML pages, relative to `distDir` and sorted: the order they are indexed in. */
async function builtPages(distDir: string): Promise<string[]> {
  return (await readdir(distDir, { recursive: true, encoding: 'utf8' }))
    .filter((file) => file.endsWith('.html'))
    .map((file) => file.split(sep).join('/'))
    .sort();
}

/**
 * Reads every built article page into its record and hands it to `onRecord`, in a stable order.
 * Each page is read while the one before is parsed; waiting for it also lets what `onRecord` sent
 * to Pagefind go out.
 */
export async function forEachRecord(
  distDir: string,
  glossary: readonly GlossaryEntry[],
  onRecord: (record: SearchRecord) => void,
): Promise<void> {
  const findNames = nameMatcher(glossary);
  const pages = await builtPages(distDir);
  const read = (i: number) =>
    i < pages.length ? readFile(join(distDir, pages[i]!), 'utf8') : undefined;
  let next = read(0);
  try {
    for (let i = 0; i < pages.length; i++) {
      const html = (await next)!;
      next = read(i + 1);
      const record = articleRecord(html, findNames);
      if (record) onRecord(record);
    }
  } finally {
    // A page that fails to parse fails the build: the read begun after it must not fail unseen.
    next?.catch(() => {});
  }
}

/** Every built article page's record, in a stable order. */
export async function collectRecords(
  distDir: string,
  glossary: readonly GlossaryEntry[],
): Promise<SearchRecord[]> {
  const records: SearchRecord[] = [];
  await forEachRecord(distDir, glossary, (record) => records.push(record));
  return records;
}

function fail(step: string, errors: string[]): never {
  throw new Error(`Search indexing failed while ${step}:\n  ${errors.join('\n  ')}`);
}

/** Starts Pagefind's service with an empty index. `$` is kept in words: `$150` is not `150`. */
export async function startIndex(language: string): Promise<pagefind.PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({
    includeCharacters: '$',
    forceLanguage: language,
  });
  if (!index || errors.length > 0) fail('starting Pagefind', errors);
  return index;
}

/**
 * Adds every article's record to a Pagefind index; returns how many. Records are sent as their
 * pages are parsed, without waiting for Pagefind to index each: its service takes messages one at
 * a time in the order they were written, so the index is byte for byte the one that awaiting
 * each add gives, but Pagefind indexes while the next pages are parsed and no record waits for a
 * round trip.
 */
export async function addRecords(
  index: pagefind.PagefindIndex,
  distDir: string,
  { glossary, language }: Options,
  vocabulary?: Set<string>,
): Promise<number> {
  const sent: { url: string; added: Promise<pagefind.NewFileResponse> }[] = [];
  try {
    await forEachRecord(distDir, glossary, (record) => {
      if (vocabulary) addRecordWords(record, vocabulary);
      sent.push({ url: record.url, added: index.addCustomRecord({ ...record, language }) });
    });
  } finally {
    // A page that fails to parse fails the build; what was sent before it must not reject unseen.
    for (const { added } of sent) added.catch(() => {});
  }
  for (const { url, added } of sent) {
    const { errors } = await added;
    if (errors.length > 0) fail(`adding ${url}`, errors);
  }
  return sent.length;
}

/** What `search/glossary.json` holds: the spellings the search page expands queries with. */
export function searchGlossary(glossary: readonly GlossaryEntry[]) {
  return glossary.map(({ id, name, kind, spellings }) => ({ id, name, kind, spellings }));
}

/**
 * The vocabulary (every indexed word's forms) as files of one word a line, sorted, by their
 * first two letters (`vocabularyFile`), and `files.json`, the list of files: the search page
 * loads only the files of the words typed. File names as they are under `VOCABULARY_DIR`.
 */
export function vocabularyFiles(vocabulary: Iterable<string>): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const word of vocabulary) {
    const file = vocabularyFile(word);
    const words = groups.get(file);
    if (words) words.push(word);
    else groups.set(file, [word]);
  }
  const names = [...groups.keys()].sort();
  const files = new Map<string, string>();
  for (const name of names) {
    const words = groups.get(name)!.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    files.set(`${name}.txt`, `${words.join('\n')}\n`);
  }
  files.set('files.json', JSON.stringify(names));
  return files;
}

/** Writes `vocabularyFiles` under `distDir`; returns their total bytes. */
export async function writeVocabulary(
  distDir: string,
  vocabulary: Iterable<string>,
): Promise<number> {
  const dir = join(distDir, ...VOCABULARY_DIR.split('/'));
  await mkdir(dir, { recursive: true });
  let bytes = 0;
  for (const [name, text] of vocabularyFiles(vocabulary)) {
    bytes += Buffer.byteLength(text);
    await writeFile(join(dir, name), text);
  }
  return bytes;
}

/**
 * Builds the Pagefind index in `astro:build:done`, with Pagefind's Node API: one record per
 * article, laid out so the search page can name the passage of every match (see
 * `search-records.ts`). Any error fails the build.
 * Also writes `search/glossary.json`, the spellings the search page expands queries with, and
 * the vocabulary (`writeVocabulary`).
 */
export default function searchIndex({ glossary, language }: Options): AstroIntegration {
  return {
    name: 'search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const distDir = fileURLToPath(dir);
        const index = await startIndex(language);
        let articles: number;
        const vocabulary = new Set<string>();
        try {
          articles = await addRecords(index, distDir, { glossary, language }, vocabulary);
          const written = await index.writeFiles({ outputPath: join(distDir, 'pagefind') });
          if (written.errors.length > 0) fail('writing the index', written.errors);
        } finally {
          await pagefind.close();
        }
        await mkdir(join(distDir, 'search'), { recursive: true });
        await writeFile(
          join(distDir, 'search', 'glossary.json'),
          JSON.stringify(searchGlossary(glossary)),
        );
        const bytes = await writeVocabulary(distDir, vocabulary);
        logger.info(
          `indexed ${articles} articles; vocabulary of ${vocabulary.size} words (${Math.round(bytes / 1024)} KB)`,
        );
      },
    },
  };
}
