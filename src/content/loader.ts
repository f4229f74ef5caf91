import { glob } from 'astro/loaders';
import type { Loader, LoaderContext } from 'astro/loaders';
import { readFrontmatterAsWritten } from './frontmatter';

/**
 * Astro's glob loader for `**\/*.md`, made strict in two ways:
 *
 * - Each entry's frontmatter is re-read as written (see `readFrontmatterAsWritten`) before the
 *   collection schema validates it, so impossible dates are refused instead of rolled over.
 * - The glob loader only logs an error when an article fails to render (a Markdown plugin
 *   threw, say) and the build goes on without that article's body. Here any error it logs fails
 *   the load, and so the build, with the loader's own message naming the file.
 */
export function markdownWithDatesAsWritten(options: { base: string }): Loader {
  const inner = glob({ pattern: '**/*.md', base: options.base });
  return {
    name: 'markdown-with-dates-as-written',
    load: async (context) => {
      const errors: string[] = [];
      const logger = new Proxy(context.logger, {
        get(target, property, receiver) {
          if (property !== 'error') return Reflect.get(target, property, receiver);
          return (message: string) => {
            errors.push(message);
            target.error(message);
          };
        },
      });
      await inner.load({
        ...context,
        logger,
        parseData: async (props) => {
          const data = props.filePath ? await readFrontmatterAsWritten(props.filePath) : props.data;
          return context.parseData({ ...props, data: data as typeof props.data });
        },
      } satisfies LoaderContext);
      if (errors.length > 0) throw new Error(errors.join('\n'));
    },
  };
}
