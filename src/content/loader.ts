import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { slug } from 'github-slugger';
import { eachLimited } from '../integrations/each-limited';
import { stampOf } from '../integrations/file-stamp';
import { ArticleStamps, stampsCodeDigest, type ArticleStamp } from './article-stamps';
import {
  clearProblem,
  contentChanged,
  reportProblem,
  shareEntries,
  type ContentProblem,
} from './dev-channel';
import { YamlSyntaxError, bodyOf, parseFrontmatterAsWritten } from './frontmatter';
import { STILL_TO_WRITE, stillToWrite } from './still-to-write';
import { isLocalImage } from '../lib/pictures';
import { missingImageFile } from './local-images';
import { keepHtmlInFile, removeUnusedHtml, renderedHtmlDir } from './rendered-html';

/** Files read, parsed and rendered at once: enough to keep every Markdown worker busy. */
const FILES_AT_ONCE = 16;

/** Time for a save to finish writing the file. */
const SAVE_SETTLE_MS = 100;

/**
 * The articles' loader: every `**\/*.md` under `base`, built on the content loader API alone
 * (`store`, `parseData`, `generateDigest`, `renderMarkdown`, `watcher`). It does what Astro's
 * glob loader did for the site, and more:
 *
 * - A file whose stamp (size, times, inode: see `file-stamp.ts`) is the one it had when last
 *   read, and whose digest then is the stored entry's, is not read at all (`article-stamps.ts`).
 *   Any other file is read and hashed; one whose digest is the one stored is not read any
 *   further: no frontmatter parse, no validation, no render.
 * - The frontmatter is read as written (see `parseFrontmatterAsWritten`) before the collection
 *   schema validates it, so impossible dates are refused instead of rolled over, and a YAML
 *   syntax error names the line where the problem starts.
 * - Two files that give one address (`Kyiv-Talks.md` and `kyiv-talks.md`) fail the load,
 *   naming both.
 * - An article that fails to render (a Markdown plugin threw, a picture is missing) fails the
 *   load, and so the build, naming the file; so does a lead image whose file is missing.
 * - Rendered HTML is kept in files beside the store, not in it (see `rendered-html.ts`).
 * - Under `astro dev`, each file's problem, and each change to the store, is told to the dev
 *   server (see `dev-channel.ts`), which shows the problem in the browser and re-indexes the
 *   search. A broken file does not stop the dev server: the others still load.
 *
 * Ids are the file's path without `.md`, each segment slugged as Astro's glob loader slugs it
 * (github-slugger), so addresses are the ones the glob loader gave.
 */
export function markdownWithDatesAsWritten(options: { base: string }): Loader {
  return {
    name: 'markdown-with-dates-as-written',
    load: async (context) => {
      const root = fileURLToPath(context.config.root);
      const baseDir = fileURLToPath(
        new URL(options.base.replace(/\/?$/, '/'), context.config.root),
      );
      const htmlDir = renderedHtmlDir(context.config.cacheDir);
      const watching = Boolean(context.watcher);
      const show = (file: string) => relative(root, file);
      const files = existsSync(baseDir) ? await markdownFiles(baseDir) : [];
      if (files.length === 0) context.logger.warn(`No articles (*.md) in ${show(baseDir)}`);
      const stampsCode = stampsCodeDigest(context.config.root);
      const stamps = stampsCode
        ? await ArticleStamps.open(fileURLToPath(context.config.cacheDir), stampsCode)
        : undefined;
      /** Of this load's files: taken by their stamp unread, read, and changed (rendered). */
      const counts = { unread: 0, read: 0, changed: 0 };
      const warnStillToWrite = (file: string, missing: readonly string[] | undefined) => {
        if (missing?.length) {
          context.logger.warn(
            `${show(file)}: still to write (marked ${STILL_TO_WRITE}): ${missing.join(' and ')}`,
          );
        }
      };
      /**
       * Astro registers an entry's pictures for the build when the entry is set. One kept from
       * the last build is not set, so its pictures would go unprocessed and its page would show
       * Astro's placeholder instead (Astro's glob loader gives them again through a store method
       * the loader API does not document); set anew, it registers them.
       */
      const keepStored = (stored: StoredEntry) => {
        if (stored.assetImports?.length) {
          context.store.delete(stored.id);
          context.store.set(stored);
        }
      };

      /** The file that gave each id in this load. */
      const claimed = new Map<string, string>();
      /** Loads `file`; with `byStamp`, takes it unread when its stamp says it is unchanged. */
      const sync = async (file: string, byStamp: boolean): Promise<void> => {
        const id = articleId(baseDir, file);
        const earlier = claimed.get(id) ?? storedFileOf(context, id, root);
        claimed.set(id, file);
        // A renamed file leaves its old entry behind: only a file that still exists clashes.
        if (earlier && earlier !== file && existsSync(earlier)) {
          throw new LoadProblem(
            `Two articles have the address articles/${id}/: ${show(earlier)} and ${show(file)}. Rename one of them.`,
          );
        }
        const filePath = relative(root, file).split(sep).join('/');
        const stamped = stamps && byStamp ? await stampOf(file) : undefined;
        const known = stamped && stamps!.known(file, stamped.stamp);
        const kept = context.store.get(id);
        if (known && kept?.digest === known.digest && kept.filePath === filePath) {
          counts.unread++;
          stamps!.keep(file, known);
          warnStillToWrite(file, known.stillToWrite);
          keepStored(kept);
          return;
        }
        stamps?.forget(file);
        const source = await readFile(file, 'utf8');
        counts.read++;
        if (watching) readAgainIfTorn(context.watcher!, file, source);
        const digest = context.generateDigest(source);
        // Marked by `npm run new`: the article builds, and each build says what is missing.
        const missing = source.includes(STILL_TO_WRITE)
          ? stillToWrite(parseFrontmatterAsWritten(source, file), bodyOf(source))
          : [];
        warnStillToWrite(file, missing);
        // The stamp taken before the read: a write since then changes it.
        if (stamped?.settled) {
          const facts: ArticleStamp = { stamp: stamped.stamp, digest };
          if (missing.length > 0) facts.stillToWrite = missing;
          stamps!.keep(file, facts);
        }
        const stored = context.store.get(id);
        if (stored?.digest === digest) {
          keepStored(stored);
          return;
        }
        counts.changed++;
        const written = parseFrontmatterAsWritten(source, file);
        const lead = (written as { image?: { src?: unknown } }).image?.src;
        if (typeof lead === 'string') {
          const missing = isLocalImage(lead)
            ? missingImageFile(file, lead)
            : `"${lead}" is not a file beside the article: the site publishes only its own pictures (./photo.jpg), and its Content-Security-Policy refuses others`;
          if (missing) throw new LoadProblem(`${show(file)}: image.src: ${missing}`);
        }
        const data = await context.parseData({ id, data: written, filePath: file });
        const rendered = await context
          .renderMarkdown(source, { fileURL: pathToFileURL(file) })
          .then((result) =>
            keepHtmlInFile(
              result,
              { id, digest, filePath: file, frontmatterKeys: Object.keys(written) },
              htmlDir,
            ),
          )
          .catch((error: unknown) => {
            const reason = error instanceof Error ? error.message : String(error);
            throw new LoadProblem(`Error rendering ${relative(baseDir, file)}: ${reason}`, {
              cause: error,
            });
          });
        context.store.set({
          id,
          data,
          filePath,
          digest,
          rendered,
          ...(Array.isArray(rendered.metadata?.['imagePaths'])
            ? { assetImports: rendered.metadata['imagePaths'] as string[] }
            : {}),
        });
        if (watching) contentChanged();
      };

      /** Loads `file`; gives what went wrong instead of throwing it. */
      const syncReporting = async (file: string, byStamp = false): Promise<unknown> => {
        if (watching) clearProblem(file);
        try {
          await sync(file, byStamp);
          return undefined;
        } catch (error) {
          if (watching) reportProblem(problemOf(file, error));
          return error ?? new Error(`${show(file)} failed to load`);
        }
      };

      const failures: unknown[] = [];
      await eachLimited(files, FILES_AT_ONCE, async (file) => {
        const failure = await syncReporting(file, true);
        if (failure !== undefined) failures.push(failure);
      });
      // Only a shortcut: without it, the next load reads every file.
      await stamps?.write().catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        context.logger.warn(`The article files' stamps were not kept (${reason})`);
      });
      context.logger.info(
        `${files.length} articles: ${counts.unread} unchanged by their files' stamps, ${counts.read} read, ${counts.changed} of them changed`,
      );
      // Entries whose file is gone (deleted or renamed since the store was written).
      for (const id of context.store.keys()) {
        if (!claimed.has(id)) context.store.delete(id);
      }
      // Under `astro dev` each problem is shown in the browser and the other articles still load.
      if (failures.length > 0 && !watching) throw loadError(failures);
      removeUnusedHtml(
        htmlDir,
        context.store.values().map((entry) => entry.rendered),
      );
      if (!watching) return;

      shareEntries(() => context.store.values());
      const watcher = context.watcher!;
      const isArticle = (path: string) => path.startsWith(baseDir) && path.endsWith('.md');
      const changed = (path: string) => {
        if (!isArticle(path)) return;
        claimed.delete(articleId(baseDir, path));
        void syncReporting(path).then((failure) => {
          if (failure === undefined) context.logger.info(`Reloaded ${show(path)}`);
          else context.logger.error(problemOf(path, failure).message);
        });
      };
      watcher.add(baseDir);
      watcher.on('change', changed).on('add', changed);
      watcher.on('unlink', (path) => {
        if (!isArticle(path)) return;
        clearProblem(path);
        const id = articleId(baseDir, path);
        if (claimed.get(id) === path) claimed.delete(id);
        if (storedFileOf(context, id, root) === path) {
          context.store.delete(id);
          contentChanged();
        }
      });
    },
  };
}

type StoredEntry = NonNullable<ReturnType<LoaderContext['store']['get']>>;

/** A problem the loader itself finds in an article, told in a sentence that names the file. */
class LoadProblem extends Error {}

/**
 * The error a failed load throws. Astro's own errors (an entry that does not match the schema)
 * and YAML errors are thrown as they are: Astro prints them with the file and each field. The
 * loader's own problems are reported together, one line each, so one build names them all.
 */
function loadError(failures: readonly unknown[]): unknown {
  const foreign = failures.find((failure) => !(failure instanceof LoadProblem));
  if (foreign !== undefined) return foreign;
  return new Error(failures.map((failure) => (failure as LoadProblem).message).join('\n'));
}

/** Every Markdown file under `dir`, sorted so that loads go in one order. */
async function markdownFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  return names
    .filter((name) => name.endsWith('.md'))
    .map((name) => dir + name)
    .sort();
}

/** An article's id: its path under `baseDir` without `.md`, slugged segment by segment. */
export function articleId(baseDir: string, file: string): string {
  return relative(baseDir, file)
    .replace(/\.md$/, '')
    .split(sep)
    .map((segment) => slug(segment))
    .join('/')
    .replace(/\/index$/, '');
}

/** The absolute path of the file the store's entry `id` came from, if any. */
function storedFileOf(context: LoaderContext, id: string, root: string): string | undefined {
  const stored = context.store.get(id)?.filePath;
  return stored ? resolve(root, stored) : undefined;
}

/**
 * Under `astro dev`, the watcher can report a change between an editor's truncating the file
 * and writing it: the read is then of an empty or partial file, and the watcher may report no
 * further change (same modification time). So a moment later the file is read again and, if it
 * differs from what was loaded, reported changed once more.
 */
function readAgainIfTorn(
  watcher: NonNullable<LoaderContext['watcher']>,
  file: string,
  contents: string,
): void {
  setTimeout(() => {
    readFile(file, 'utf8').then(
      (now) => {
        if (now !== contents) watcher.emit('change', file);
      },
      () => {}, // Deleted meanwhile: the watcher reports that.
    );
  }, SAVE_SETTLE_MS);
}

/** What the browser shows, and the build prints, for an error thrown while loading `file`. */
function problemOf(file: string, error: unknown): ContentProblem {
  return {
    file,
    message: error instanceof Error ? error.message : String(error),
    ...(error instanceof YamlSyntaxError ? { line: error.line, column: error.column } : {}),
  };
}
