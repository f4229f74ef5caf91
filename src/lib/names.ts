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
