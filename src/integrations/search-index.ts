import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import type { GlossaryEntry } from '../content/glossary';
import { nameMatcher } from '../lib/names';
import { articleRecord, type SearchRecord } from './search-records';

export interface Options {
  glossary: readonly GlossaryEntry[];
  /** The one language of the index: every article is searchable from every page. */
  language: string;
}

/** Reads every built article page and returns its record, in a stable order. */
export async function collectRecords(
  distDir: string,
  glossary: readonly GlossaryEntry[],
): Promise<SearchRecord[]> {
  const findNames = nameMatcher(glossary);
  const pages = (await readdir(distDir, { recursive: true, encoding: 'utf8' }))
    .filter((file) => file.endsWith('.html'))
    .map((file) => file.split(sep).join('/'))
    .sort();
  const records = await Promise.all(
    pages.map(async (file) =>
      articleRecord(await readFile(join(distDir, file), 'utf8'), findNames),
    ),
  );
  return records.filter((record): record is SearchRecord => record !== undefined);
}

function fail(step: string, errors: string[]): never {
  throw new Error(`Search indexing failed while ${step}:\n  ${errors.join('\n  ')}`);
}

/**
 * Builds the Pagefind index in `astro:build:done`, with Pagefind's Node API: one record per
 * article, laid out so the search page can name the passage of every match (see
 * `search-records.ts`). `$` is kept in words, so `$150` can be told from `150`. Any error fails
 * the build.
 * Also writes `search/glossary.json`, the spellings the search page expands queries with.
 */
export default function searchIndex({ glossary, language }: Options): AstroIntegration {
  return {
    name: 'search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const distDir = fileURLToPath(dir);
        const records = await collectRecords(distDir, glossary);
        const { index, errors } = await pagefind.createIndex({
          includeCharacters: '$',
          forceLanguage: language,
        });
        if (!index || errors.length > 0) fail('starting Pagefind', errors);
        try {
          for (const record of records) {
            const added = await index.addCustomRecord({ ...record, language });
            if (added.errors.length > 0) fail(`adding ${record.url}`, added.errors);
          }
          const written = await index.writeFiles({ outputPath: join(distDir, 'pagefind') });
          if (written.errors.length > 0) fail('writing the index', written.errors);
        } finally {
          await pagefind.close();
        }
        await mkdir(join(distDir, 'search'), { recursive: true });
        const names = glossary.map(({ id, name, kind, spellings }) => ({
          id,
          name,
          kind,
          spellings,
        }));
        await writeFile(join(distDir, 'search', 'glossary.json'), JSON.stringify(names));
        logger.info(`indexed ${records.length} articles`);
      },
    },
  };
}
