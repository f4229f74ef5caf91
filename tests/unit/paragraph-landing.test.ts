import { describe, expect, it } from 'vitest';
import {
  PARAGRAPH_ID_PREFIX,
  decodeFingerprint,
  encodeFingerprint,
  fingerprint,
} from '../../src/markdown/fingerprint';
import { landingOf, type LandingPage } from '../../src/lib/paragraph-landing';

const idOf = (text: string) => PARAGRAPH_ID_PREFIX + encodeFingerprint(fingerprint(text));

/** A page of paragraphs with fingerprint ids, one heading, and an alias of it. */
function pageOf(paragraphs: string[]): LandingPage<string> {
  const blocks = paragraphs.map((text) => ({ block: text, id: idOf(text), text }));
  return {
    element(id) {
      if (id === 'jets') return { block: 'Jets' };
      if (id === 'fighter-jets') return { block: 'alias', aliasOf: { block: 'Jets', id: 'jets' } };
      const found = blocks.find((block) => block.id === id);
      return found && { block: found.block };
    },
    candidates: () => blocks,
  };
}

const story =
  'Ukraine announced this week that it had received its first Patriot air defence systems from the United States, Germany and the Netherlands.';
const corrected = story.replace('this week', 'on Thursday');
const other =
  'British and German heavy tanks have also arrived in the country, the defence ministry said on Monday.';

describe('where an old link lands', () => {
  it('on its element, or through an alias on the element that now has the id', () => {
    expect(landingOf(idOf(story), pageOf([story, other]))).toEqual({ kind: 'exact', block: story });
    expect(landingOf('fighter-jets', pageOf([]))).toEqual({
      kind: 'alias',
      block: 'Jets',
      id: 'jets',
    });
  });

  it('on the nearest paragraph after a correction, with the distance', () => {
    const landing = landingOf(idOf(story), pageOf([other, corrected]));
    expect(landing).toMatchObject({ kind: 'nearest', block: corrected, id: idOf(corrected) });
    expect(landing.kind === 'nearest' && landing.distance).toBeGreaterThan(0);
  });

  it('on the notice when the paragraph was rewritten or removed, or a section id is gone', () => {
    expect(landingOf(idOf(story), pageOf([other]))).toEqual({ kind: 'notice' });
    expect(landingOf('no-such-section', pageOf([story]))).toEqual({ kind: 'notice' });
  });

  it('on the notice for a short paragraph that changed a word in two', () => {
    expect(landingOf(idOf('Russia denied it.'), pageOf(['Ukraine denied it.']))).toEqual({
      kind: 'notice',
    });
  });

  it('ignores the -2 of a repeated paragraph and ids that are no fingerprint', () => {
    expect(landingOf(`${idOf(story)}-2`, pageOf([corrected]))).toMatchObject({ kind: 'nearest' });
    expect(decodeFingerprint('not-a-fingerprint')).toBeUndefined();
    expect(landingOf('p-not-a-fingerprint', pageOf([story]))).toEqual({ kind: 'notice' });
  });
});
