import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'astro/loaders';
import type { Loader, LoaderContext } from 'astro/loaders';
import { readFrontmatterAsWritten } from './frontmatter';
import { isLocalImage } from '../lib/pictures';
import { missingImageFile } from './local-images';
import { removeUnusedHtml, renderToFiles, renderedHtmlDir } from './rendered-html';

/**
 * Astro's glob loader for `**\/*.md`, made strict in two ways:
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
      await inner.load({
        ...context,
        ...withHtmlInFiles(context, htmlDir),
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
            errors.push(
              `Two articles have the address articles/${props.id}/: ${relative(root, earlier)} and ${relative(root, props.filePath)}. Rename one of them.`,
            );
          }
          const data = props.filePath ? await readFrontmatterAsWritten(props.filePath) : props.data;
          const lead = (data as { image?: { src?: unknown } }).image?.src;
          const missing =
            props.filePath && typeof lead === 'string'
              ? isLocalImage(lead)
                ? missingImageFile(props.filePath, lead)
                : `"${lead}" is not a file beside the article: the site publishes only its own pictures (./photo.jpg), and its Content-Security-Policy refuses others`
              : undefined;
          if (missing && props.filePath) {
            const root = fileURLToPath(context.config.root);
            errors.push(`${relative(root, props.filePath)}: image.src: ${missing}`);
          }
          return context.parseData({ ...props, data: data as typeof props.data });
        },
      } satisfies LoaderContext);
      if (errors.length > 0) throw new Error(errors.join('\n'));
      removeUnusedHtml(
        htmlDir,
        context.store.values().map((entry) => entry.rendered),
      );
    },
  };
}

interface MarkdownEntryType {
  getRenderFunction?: (config: unknown) => Promise<Parameters<typeof renderToFiles>[0]>;
}

/**
 * The glob loader renders each file with the render function of its entry type, which Astro
 * passes in the loader context (`entryTypes`, not part of the public type). The Markdown one is
 * wrapped so the HTML goes to files; without that context the store keeps the HTML as usual.
 */
function withHtmlInFiles(context: LoaderContext, htmlDir: string): object {
  const entryTypes = (context as { entryTypes?: Map<string, MarkdownEntryType> }).entryTypes;
  const markdown = entryTypes?.get('.md');
  const render = markdown?.getRenderFunction;
  if (!entryTypes || !markdown || !render) return {};
  return {
    entryTypes: new Map(entryTypes).set('.md', {
      ...markdown,
      getRenderFunction: async (config: unknown) =>
        renderToFiles(await render.call(markdown, config), htmlDir),
    }),
  };
}
