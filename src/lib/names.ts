/**
 * Glossary names in text, for the build and the browser alike (no Node imports here).
 */
import { fold, foldKeepingPositions } from './fold';

export interface GlossaryName {
  id: string;
  name: string;
  kind: 'person' | 'place' | 'organisation';
  /** Every spelling, the name first. */
  spellings: string[];
}

/** All capitals, like NATO or US: matched with its case, so the pronoun "us" is not the US. */
export function isAcronym(spelling: string): boolean {
  return /\p{Lu}/u.test(spelling) && spelling === spelling.toUpperCase();
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface NameMatch {
  entry: GlossaryName;
  /** Start and end in the text as given. */
  start: number;
  end: number;
}

/**
 * Finds glossary names in text: whole words only, longest spelling first, accents and case
 * ignored except for acronyms (folded by `fold.ts`, like everything the search compares). Returns a function, so the patterns are compiled once.
 */
export function nameMatcher(glossary: readonly GlossaryName[]): (text: string) => NameMatch[] {
  const byFolded = new Map<string, GlossaryName>();
  const byAcronym = new Map<string, GlossaryName>();
  for (const entry of glossary) {
    for (const spelling of entry.spellings) {
      if (isAcronym(spelling)) byAcronym.set(spelling, entry);
      else byFolded.set(fold(spelling), entry);
    }
  }
  const alternation = (keys: Iterable<string>) =>
    [...keys]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|');
  const boundary = (body: string) =>
    body ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'gu') : undefined;
  const foldedPattern = boundary(alternation(byFolded.keys()));
  const acronymPattern = boundary(alternation(byAcronym.keys()));

  return (text) => {
    const matches: NameMatch[] = [];
    const folded = foldKeepingPositions(text);
    for (const match of foldedPattern ? folded.matchAll(foldedPattern) : []) {
      matches.push({
        entry: byFolded.get(match[0])!,
        start: match.index,
        end: match.index + match[0].length,
      });
    }
    for (const match of acronymPattern ? text.matchAll(acronymPattern) : []) {
      matches.push({
        entry: byAcronym.get(match[0])!,
        start: match.index,
        end: match.index + match[0].length,
      });
    }
    return matches.sort((a, b) => a.start - b.start);
  };
}

export interface NameBeginning {
  entry: GlossaryName;
  /** Where, in the text as given, the beginning of the name starts. */
  start: number;
  /**
   * What each of its spellings that the text begins has after the letters typed (`erg` after
   * `Stoltenb`; `v` and `w` after `Kie`, for Kiev and Kiew), shortest first; `''` for a
   * spelling typed whole.
   */
  rests: string[];
}

/**
 * Finds the glossary names that the end of a text begins to spell, as a reader typing one has
 * not finished it: `Stoltenb` begins Jens Stoltenberg, `Atlantic All` the Atlantic Alliance.
 * The beginning starts a word and has at least `minLetters` letters; a text that ends in a space
 * has finished its last word. Folded as everything the search compares (`fold.ts`); acronyms
 * (NATO, US) are left out, as they are a word or two of capitals, typed whole.
 */
export function nameBeginnings(
  glossary: readonly GlossaryName[],
  minLetters = 3,
): (text: string) => NameBeginning[] {
  const spellings = glossary.flatMap((entry) =>
    entry.spellings
      .filter((spelling) => !isAcronym(spelling))
      .map((spelling) => ({ spelling, folded: foldKeepingPositions(spelling), entry })),
  );
  const letters = (text: string) => [...text.replace(/[^\p{L}\p{N}]/gu, '')].length;
  return (text) => {
    const folded = foldKeepingPositions(text);
    if (/\s$/u.test(folded)) return [];
    const found = new Map<GlossaryName, NameBeginning>();
    for (const { index } of folded.matchAll(/(?<![\p{L}\p{N}])[\p{L}\p{N}]/gu)) {
      const end = folded.slice(index).replace(/\s+/gu, ' ');
      // Each later start leaves fewer letters.
      if (letters(end) < minLetters) break;
      for (const { spelling, folded: written, entry } of spellings) {
        if (!written.startsWith(end)) continue;
        const beginning = found.get(entry) ?? { entry, start: index, rests: [] };
        // A name begun at an earlier word is begun there (`Volodymyr Zel`, not `Zel`).
        if (beginning.start !== index) continue;
        const rest = spelling.slice(end.length);
        if (!beginning.rests.includes(rest)) beginning.rests.push(rest);
        found.set(entry, beginning);
      }
    }
    return [...found.values()].map((beginning) => ({
      ...beginning,
      rests: beginning.rests.sort((a, b) => a.length - b.length),
    }));
  };
}

/** The part of an article before its first heading, as the names list calls it. */
export const OPENING_SECTION = 'Opening';

export interface SectionMentions {
  /** The section's heading, or `OPENING_SECTION`; in an article without sections, the passage's first words. */
  name: string;
  /** How many times the name is mentioned in the section. */
  count: number;
  /** The first block of the section that mentions it: where its link goes. */
  firstBlock: string;
}

/**
 * A name's mentions, block by block (as `rehype-glossary-names` records them), gathered by the
 * section they are in, in the article's order, with the total count. An article without
 * sections has its passages instead, each named by its first words.
 */
export function mentionsBySection(
  blocks: readonly { block: string; count: number; section?: string; start: string }[],
  sectionNames: ReadonlyMap<string, string>,
): { total: number; sections: SectionMentions[] } {
  const total = blocks.reduce((sum, { count }) => sum + count, 0);
  if (sectionNames.size === 0) {
    const passages = blocks.map(({ block, count, start }) => ({
      name: `“${start}”`,
      count,
      firstBlock: block,
    }));
    return { total, sections: passages };
  }
  const sections = new Map<string, SectionMentions>();
  for (const { block, count, section } of blocks) {
    const key = section ?? '';
    const known = sections.get(key);
    if (known) known.count += count;
    else
      sections.set(key, {
        name: (section && sectionNames.get(section)) || OPENING_SECTION,
        count,
        firstBlock: block,
      });
  }
  return { total, sections: [...sections.values()] };
}
