import { describe, expect, it } from 'vitest';
import { seedSource } from '../support/article-source';
import { idsOf, renderArticle } from '../support/markdown';

/**
 * The paragraph ids of the seed article as built before the folding of text moved into one module
 * (`src/lib/fold.ts`), in reading order. Links to them are out in the world: they must not move.
 */
const seedParagraphIds = [
  'p-h9pyzwtk5x0faynjvt9s7knvm0',
  'p-1kar67pt2j4derz9edcex9kms0',
  'p-nfzspqbwbtb833mwaefc2wz5kw',
  'p-sm4mk4h4em8qrxwjw573a8xb00',
  'p-egbw2fecg84ejbn5z9mbw08yy4',
  'p-x9zgb3ffmrm8j6c889fxhnvct8',
  'p-0a3tp1bq3481vkwgar3611ad8r',
  'p-6kv7y4j57t0e8dgst9sgckan6g',
  'p-a82m0s70by1d8jwc10h21nkj84',
  'p-j2m4tn1h1p08t6x2pb8qv20060',
  'p-2jag70fpr4ccr1t91d5rds5b40',
  'p-zr994dtmkhqyjbxakgqdhgxdz0',
  'p-ygae6ejmgdd8g4cyb0mpa6jh2m',
  'p-1m0py105adct4hm12959g9y92c',
  'p-8r1040m332e32rhpw985axd61c',
  'p-1hr50pj9dbctg2yhj5qtd1kj0g',
  'p-qxbetc7065e8gm6425q6j5wvrc',
  'p-hpvvzt4vqgcxmvfyaaefp9hne4',
  'p-1gkh2kg9jv2fmjb8sae44k2984',
  'p-gqvkx008tycyyarz2x09xscmvr',
  'p-jbggt6qwa07881gttd1gn98yn8',
  'p-348zpk0x2cd60kxhbg8021149w',
  'p-6q4nng80880966g01r20523958',
];

describe('paragraph ids', () => {
  it('are those the seed article had before the folding moved into one module', async () => {
    const { document } = await renderArticle(seedSource().body);
    expect(idsOf(document, '[id^="p-"]')).toEqual(seedParagraphIds);
  });
});
