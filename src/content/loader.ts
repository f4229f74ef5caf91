import { glob } from 'astro/loaders';
import type { Loader } from 'astro/loaders';
import { readFrontmatterAsWritten } from './frontmatter';

/**
 * Astro's glob loader, with each entry's frontmatter re-read as written (see
 * `readFrontmatterAsWritten`) before the collection schema validates it.
 */
export function markdownWithDatesAsWritten(options: { base: string }): Loader {
  const inner = glob({ pattern: '**/*.md', base: options.base });
  return {
    name: 'markdown-with-dates-as-written',
    load: (context) =>
      inner.load({
        ...context,
        parseData: async (props) => {
          const data = props.filePath ? await readFrontmatterAsWritten(props.filePath) : props.data;
          return context.parseData({ ...props, data: data as typeof props.data });
        },
      }),
  };
}
