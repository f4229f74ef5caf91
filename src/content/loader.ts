import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'astro/loaders';
import type { Loader, LoaderContext } from 'astro/loaders';
import {
  clearProblem,
  contentChanged,
  reportProblem,
  shareEntries,
  type ContentProblem,
} from './dev-channel';
import {
  YamlSyntaxError,
  bodyOf,
  parseFrontmatterAsWritten,
  readFrontmatterAsWritten,
} from './frontmatter';
import { STILL_TO_WRITE, stillToWrite } from './still-to-write';
import { isLocalImage } from '../lib/pictures';
import { missingImageFile } from './local-images';
import { removeUnusedHtml, renderToFiles, renderedHtmlDir } from './rendered-html';

/**
 * Astro's glob loader for `**\/*.md`, made strict:
 *
 * - Each entry's frontmatter is re-read as written (see `readFrontmatterAsWritten`) before the
 *   collection schema validates it, so impossible dates are refused instead of rolled over.
 * - Two files that give one address (`Kyiv-Talks.md` and `kyiv-talks.md`) fail the load,
 *   naming both: the glob loader would keep one and drop the other without a word.
 * - The glob loader only logs an error when an article fails to render (a Markdown plugin
 *   threw, say) and the build goes on without that article's body. Here any error it logs fails
 *   the load, and so the build, with the loader's own message naming the file.
 * - Rendered HTML is kept in files beside the store, not in it (see `rendered-html.ts`).
 * - A lead image whose file is missing fails the load, naming the article and the file.
 * - A YAML syntax error names the line where the problem starts (see `frontmatter.ts`), ahead
 *   of Astro's own frontmatter parser, which names the line where the text ran out.
 * - Under `astro dev`, each file's problem, and each change to the store, is told to the dev
 *   server (see `dev-channel.ts`), which shows the problem in the browser and re-indexes the
 *   search. A broken file does not stop the dev server: the others still load.
 */
export function markdownWithDatesAsWritten(options: { base: string }): Loader {
  // The Markdown source is not kept beside the rendered page: at archive size it would double
  // what the content store holds in memory and on disk.
  const inner = glob({ pattern: '**/*.md', base: options.base, retainBody: false });
  return {
    name: 'markdown-with-dates-as-written',
    load: async (context) => {
      const errors: string[] = [];
      /** Files by id in this load: the glob loader reads files concurrently. */
      const seen = new Map<string, string>();
      const logger = new Proxy(context.logger, {
        get(target, property, receiver) {
          if (property !== 'error') return Reflect.get(target, property, receiver);
          return (message: string) => {
            errors.push(message);
            target.error(message);
          };
        },
      });
      const htmlDir = renderedHtmlDir(context.config.cacheDir);
      const watching = Boolean(context.watcher);
      /** Frontmatter already read by the entry type, by file: read once, not twice. */
      const read = new Map<string, Record<string, unknown>>();
      if (watching) {
        shareEntries(() => context.store.values());
        context.watcher?.on('unlink', (path) => clearProblem(path));
      }
      const load = () =>
        inner.load({
          ...context,
          ...withHtmlInFiles(context, htmlDir, read),
          store: watching ? storeTellingChanges(context.store) : context.store,
          logger,
          parseData: async (props) => {
            // The file that already gave this id: earlier in this load, or in the cache.
            const cached = context.store.get(props.id)?.filePath;
            const earlier =
              seen.get(props.id) ??
              (cached ? fileURLToPath(new URL(cached, context.config.root)) : undefined);
            if (props.filePath) seen.set(props.id, props.filePath);
            // A renamed file leaves its old entry behind: only a file that still exists clashes.
            if (earlier && props.filePath && earlier !== props.filePath && existsSync(earlier)) {
              const root = fileURLToPath(context.config.root);
              const message = `Two articles have the address articles/${props.id}/: ${relative(root, earlier)} and ${relative(root, props.filePath)}. Rename one of them.`;
              errors.push(message);
              if (watching) reportProblem({ file: props.filePath, message });
            }
            const data = props.filePath
              ? (read.get(props.filePath) ?? (await readFrontmatterAsWritten(props.filePath)))
              : props.data;
            if (props.filePath) read.delete(props.filePath);
            const lead = (data as { image?: { src?: unknown } }).image?.src;
            const missing =
              props.filePath && typeof lead === 'string'
                ? isLocalImage(lead)
                  ? missingImageFile(props.filePath, lead)
                  : `"${lead}" is not a file beside the article: the site publishes only its own pictures (./photo.jpg), and its Content-Security-Policy refuses others`
                : undefined;
            if (missing && props.filePath) {
              const root = fileURLToPath(context.config.root);
              const message = `${relative(root, props.filePath)}: image.src: ${missing}`;
              errors.push(message);
              if (watching) reportProblem({ file: props.filePath, message });
            }
            try {
              return await context.parseData({ ...props, data: data as typeof props.data });
            } catch (error) {
              if (watching && props.filePath) reportProblem(problemOf(props.filePath, error));
              throw error;
            }
          },
        } satisfies LoaderContext);
      try {
        await load();
        // What an unchanged file's entry type read, parseData did not need.
        read.clear();
      } catch (error) {
        if (!watching) throw error;
        // The glob loader watches the files only after a load that succeeded: until one does,
        // each change to an article tries the whole load again.
        context.logger.error(error instanceof Error ? error.message : String(error));
        const watcher = context.watcher!;
        const baseDir = fileURLToPath(
          new URL(options.base.replace(/\/?$/, '/'), context.config.root),
        );
        const retry = (path: string) => {
          if (!path.startsWith(baseDir) || !path.endsWith('.md')) return;
          watcher.off('change', retry).off('add', retry).off('unlink', retry);
          load().catch((again: unknown) => {
            context.logger.error(again instanceof Error ? again.message : String(again));
            watcher.on('change', retry).on('add', retry).on('unlink', retry);
          });
        };
        watcher.add(baseDir);
        watcher.on('change', retry).on('add', retry).on('unlink', retry);
        return;
      }
      // Under `astro dev` each problem is shown in the browser and the other articles still load.
      if (errors.length > 0 && !watching) throw new Error(errors.join('\n'));
      removeUnusedHtml(
        htmlDir,
        context.store.values().map((entry) => entry.rendered),
      );
    },
  };
}

interface MarkdownEntryType {
  getEntryInfo: (params: { contents: string; fileUrl: URL }) => Promise<unknown>;
  getRenderFunction?: (config: unknown) => Promise<Parameters<typeof renderToFiles>[0]>;
}

/** Time for a save to finish writing the file. */
const SAVE_SETTLE_MS = 100;

/**
 * Under `astro dev`, the glob loader reads a file when the watcher reports a change, which can
 * be between an editor's truncating the file and writing it: the read is then of an empty or
 * partial file, and the watcher may report no further change (same modification time). So a
 * moment later the file is read again and, if it differs from what was loaded, reported changed
 * once more, which makes the glob loader load it again.
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

/** What the browser shows for an error thrown while loading `file`. */
function problemOf(file: string, error: unknown): ContentProblem {
  return {
    file,
    message: error instanceof Error ? error.message : String(error),
    ...(error instanceof YamlSyntaxError ? { line: error.line, column: error.column } : {}),
  };
}

/** The store, telling the dev server each time an entry is stored or deleted. */
function storeTellingChanges(store: LoaderContext['store']): LoaderContext['store'] {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if ((property !== 'set' && property !== 'delete') || typeof value !== 'function')
        return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        contentChanged();
        return result;
      };
    },
  });
}

/**
 * The glob loader reads and renders each file with the functions of its entry type, which Astro
 * passes in the loader context (`entryTypes`, not part of the public type). The Markdown one is
 * wrapped so the frontmatter is read as written, with YAML errors placed where they start (kept
 * in `read` for `parseData`), and so the HTML goes to files; without that context the store
 * keeps the HTML as usual and Astro's parser reports YAML errors.
 */
function withHtmlInFiles(
  context: LoaderContext,
  htmlDir: string,
  read: Map<string, Record<string, unknown>>,
): object {
  const entryTypes = (context as { entryTypes?: Map<string, MarkdownEntryType> }).entryTypes;
  const markdown = entryTypes?.get('.md');
  const render = markdown?.getRenderFunction;
  if (!entryTypes || !markdown || !render) return {};
  return {
    entryTypes: new Map(entryTypes).set('.md', {
      ...markdown,
      getEntryInfo: async (params: { contents: string; fileUrl: URL }) => {
        const file = fileURLToPath(params.fileUrl);
        if (context.watcher) {
          clearProblem(file);
          readAgainIfTorn(context.watcher, file, params.contents);
        }
        let data: Record<string, unknown>;
        try {
          data = parseFrontmatterAsWritten(params.contents, file);
        } catch (error) {
          if (context.watcher) reportProblem(problemOf(file, error));
          throw error;
        }
        read.set(file, data);
        // Marked by `npm run new`: the article builds, and the build says what is missing.
        const missing = stillToWrite(data, bodyOf(params.contents));
        if (missing.length > 0) {
          const path = relative(fileURLToPath(context.config.root), file);
          context.logger.warn(
            `${path}: still to write (marked ${STILL_TO_WRITE}): ${missing.join(' and ')}`,
          );
        }
        return markdown.getEntryInfo.call(markdown, params);
      },
      getRenderFunction: async (config: unknown) =>
        renderToFiles(await render.call(markdown, config), htmlDir),
    }),
  };
}
