import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';
import { visitParents } from 'unist-util-visit-parents';
import type { GlossaryEntry } from '../content/glossary';
import { nameMatcher } from '../lib/names';
import { isCitableBlock } from './citable';

export interface Options {
  glossary: readonly GlossaryEntry[];
}

/** One block that mentions a name: its id, how many times, and the section it is in. */
export interface BlockMention {
  block: string;
  count: number;
  /** The id of the h2 or h3 the block follows; absent before the first heading. */
  section?: string;
  /** The block's first words, to name the passage where there are no sections. */
  start: string;
}

/** How many words of a block name its passage. */
const START_WORDS = 5;

/** Where each glossary name is mentioned: entry id to the blocks that mention it, in order. */
export type NameMentions = Record<string, BlockMention[]>;

/**
 * Finds the glossary's names, in any spelling, in every citable block that has an id, and gives
 * the article `names` in its frontmatter data, read by the page's list of names. The search
 * indexer finds names with the same matcher (`nameMatcher`), so the list and search agree.
 */
export default function rehypeGlossaryNames({ glossary }: Options) {
  const findNames = nameMatcher(glossary);
  return (tree: Root, file: VFile) => {
    const mentions: NameMentions = {};
    let section: string | undefined;
    visitParents(tree, 'element', (node, ancestors) => {
      const id = node.properties['id'];
      if (typeof id !== 'string') return;
      if (node.tagName === 'h2' || node.tagName === 'h3') section = id;
      if (!isCitableBlock(node, ancestors)) return;
      const text = toString(node);
      const counts = new Map<string, number>();
      for (const match of findNames(text))
        counts.set(match.entry.id, (counts.get(match.entry.id) ?? 0) + 1);
      if (counts.size === 0) return;
      const words = text.trim().split(/\s+/);
      const start = words.slice(0, START_WORDS).join(' ') + (words.length > START_WORDS ? '…' : '');
      for (const [name, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
        (mentions[name] ??= []).push({ block: id, count, start, ...(section ? { section } : {}) });
      }
    });
    const astro = (file.data['astro'] ??= {}) as { frontmatter?: Record<string, unknown> };
    astro.frontmatter = { ...astro.frontmatter, names: mentions };
  };
}
