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

/** Where each glossary name is mentioned: entry id to the ids of the blocks that mention it. */
export type NameMentions = Record<string, string[]>;

/**
 * Finds the glossary's names, in any spelling, in every citable block that has an id, and gives
 * the article `names` in its frontmatter data, read by the page's list of names. The search
 * indexer finds names with the same matcher (`nameMatcher`), so the list and search agree.
 */
export default function rehypeGlossaryNames({ glossary }: Options) {
  const findNames = nameMatcher(glossary);
  return (tree: Root, file: VFile) => {
    const mentions: NameMentions = {};
    visitParents(tree, 'element', (node, ancestors) => {
      const id = node.properties['id'];
      if (typeof id !== 'string' || !isCitableBlock(node, ancestors)) return;
      const names = [...new Set(findNames(toString(node)).map((match) => match.entry.id))].sort();
      if (names.length === 0) return;
      for (const name of names) (mentions[name] ??= []).push(id);
    });
    const astro = (file.data['astro'] ??= {}) as { frontmatter?: Record<string, unknown> };
    astro.frontmatter = { ...astro.frontmatter, names: mentions };
  };
}
