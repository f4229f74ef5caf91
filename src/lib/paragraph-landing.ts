/**
 * Where a link to `#id` lands on an article page: the rules a reader's browser follows
 * (`src/scripts/paragraph-anchors.ts`) and the link report predicts (`src/lib/link-report.ts`)
 * with the same code, so the report says exactly what a reader will see.
 */
import {
  PARAGRAPH_ID_PREFIX,
  SAME_PARAGRAPH_MAX_DISTANCE,
  decodeFingerprint,
  fingerprintDistance,
  fingerprintWords,
  sameParagraphMaxDistance,
} from '../markdown/fingerprint';

/** A block of the article's body that an old paragraph link may land on. */
export interface LandingCandidate<Block> {
  block: Block;
  id: string;
  /** `data-fingerprint`, on a block whose id the editor pinned. */
  fingerprint?: string | undefined;
  text: string;
}

/** An element the page has with the id asked for. */
export interface FoundElement<Block> {
  block: Block;
  /** For an alias marker (`.anchor-alias`): the element with the current id it sits in. */
  aliasOf?: { block: Block; id: string } | undefined;
}

/** What a page offers a link: its elements by id, and the blocks of its body. */
export interface LandingPage<Block> {
  element(id: string): FoundElement<Block> | undefined;
  /** Every body block with a fingerprint: `[data-fingerprint], [id^="p-"]`, in page order. */
  candidates(): Iterable<LandingCandidate<Block>>;
}

export type Landing<Block> =
  /** An element has the id: the link lands on it, as on any page. */
  | { kind: 'exact'; block: Block }
  /** An old id kept as an alias: the link lands on the element that now has `id`. */
  | { kind: 'alias'; block: Block; id: string }
  /** The paragraph was edited: the link lands on the one with the nearest fingerprint. */
  | { kind: 'nearest'; block: Block; id: string; distance: number }
  /** Nothing is near enough: the reader sees the "passage has changed" notice. */
  | { kind: 'notice' };

/** A fingerprint id's or `data-fingerprint`'s bits, without the `-2` of a repeated block. */
function fingerprintOf(code: string) {
  return decodeFingerprint(code.replace(/-\d+$/, ''));
}

/**
 * The paragraph a fingerprint id was made from, or the one nearest to it: within
 * `SAME_PARAGRAPH_MAX_DISTANCE`, and less for a candidate of a few words (see `fingerprint.ts`).
 * The first of equally near candidates wins.
 */
function nearestParagraph<Block>(
  id: string,
  candidates: Iterable<LandingCandidate<Block>>,
): { candidate: LandingCandidate<Block>; distance: number } | undefined {
  if (!id.startsWith(PARAGRAPH_ID_PREFIX)) return undefined;
  const wanted = fingerprintOf(id.slice(PARAGRAPH_ID_PREFIX.length));
  if (!wanted) return undefined;
  let best: { candidate: LandingCandidate<Block>; distance: number } | undefined;
  let bestDistance = SAME_PARAGRAPH_MAX_DISTANCE + 1;
  for (const candidate of candidates) {
    const lanes = fingerprintOf(
      candidate.fingerprint ?? candidate.id.slice(PARAGRAPH_ID_PREFIX.length),
    );
    if (!lanes) continue;
    const distance = fingerprintDistance(wanted, lanes);
    if (distance >= bestDistance) continue;
    if (distance > sameParagraphMaxDistance(fingerprintWords(candidate.text).length)) continue;
    best = { candidate, distance };
    bestDistance = distance;
  }
  return best;
}

/** Where a link to `#id` lands on `page`. */
export function landingOf<Block>(id: string, page: LandingPage<Block>): Landing<Block> {
  const found = page.element(id);
  if (found?.aliasOf) return { kind: 'alias', block: found.aliasOf.block, id: found.aliasOf.id };
  if (found) return { kind: 'exact', block: found.block };
  const nearest = nearestParagraph(id, page.candidates());
  if (nearest) {
    const { block, id: nearestId } = nearest.candidate;
    return { kind: 'nearest', block, id: nearestId, distance: nearest.distance };
  }
  return { kind: 'notice' };
}
