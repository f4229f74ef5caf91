import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { seedPictures } from './article-source';
import { buildTemporarySite, type TemporaryBuild } from './build';
import { fixturesDir, projectRoot } from './paths';

/** The newsroom fixture: articles with pictures and bylines, and one without either. */
export const newsroomDir = join(fixturesDir, 'newsroom');

/** The newsroom fixture's articles and pictures, as content files for a temporary site. */
export function newsroomFiles(): Record<string, Uint8Array> {
  return Object.fromEntries(
    readdirSync(newsroomDir)
      .filter((file) => /\.(md|jpe?g|png|webp|avif|gif|svg)$/.test(file))
      .map((file) => [`articles/${file}`, readFileSync(join(newsroomDir, file))]),
  );
}

let build: Promise<TemporaryBuild> | undefined;

/**
 * One build of the newsroom fixture with the seed article beside it, shared by the tests of a
 * file. A failed build throws with the end of its output.
 */
export function newsroomBuild(): Promise<TemporaryBuild> {
  build ??= buildTemporarySite({
    ...newsroomFiles(),
    ...seedPictures(),
    'articles/kiev-allies-coordinate-aid-under-pressure-from-zelenskyy.md': readFileSync(
      join(
        projectRoot,
        'content/articles/kiev-allies-coordinate-aid-under-pressure-from-zelenskyy.md',
      ),
    ),
    'glossary.yaml': readFileSync(join(projectRoot, 'content/glossary.yaml')),
  }).then((result) => {
    if (result.exitCode !== 0) throw new Error(result.output.slice(-4000));
    return result;
  });
  return build;
}
