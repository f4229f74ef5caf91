import { describe, expect, it } from 'vitest';
import { articleRecords } from '../../src/integrations/search-records';
import { parseGlossary } from '../../src/content/glossary';
import { nameMatcher } from '../../src/lib/names';

const findNames = nameMatcher(
  parseGlossary('kyiv:\n  name: Kyiv\n  kind: place\n  spellings: [Kiev]\n', 'g.yaml'),
);
const data = {
  path: '/articles/x/',
  title: 'Allies in Kiev',
  description: 'A standfirst.',
  published: '2023-04-21',
  tags: ['Ukraine'],
  language: 'en',
};
const page = `<html><body><nav class="toc"><a href="#s">In this article</a></nav>
<article data-search='${JSON.stringify(data)}'>
  <h1>Allies in Kiev</h1>
  <div class="article-body">
    <p id="p-1">The lead, in Kiev.<a class="paragraph-link" href="#p-1"></a></p>
    <h2 id="jets">Fighter jets<a class="heading-anchor" href="#jets"></a></h2>
    <ul><li id="p-2">An item</li></ul>
    <blockquote id="p-3"><p>A quote</p></blockquote>
  </div>
  <aside><h2 id="related-heading">Also read</h2><ul><li>Another story</li></ul></aside>
</article></body></html>`;

describe('articleRecords', () => {
  const records = articleRecords(page, findNames);

  it('makes one record for the headline and one per section and cited block, addressed by anchor', () => {
    expect(records.map((record) => [record.url, record.content])).toEqual([
      ['/articles/x/', 'Allies in Kiev\nA standfirst.'],
      ['/articles/x/#p-1', 'The lead, in Kiev.'],
      ['/articles/x/#jets', 'Fighter jets'],
      ['/articles/x/#p-2', 'An item'],
      ['/articles/x/#p-3', 'A quote'],
    ]);
  });

  it('indexes nothing outside the body: no navigation, table of contents or "Also read"', () => {
    const all = records.map((record) => record.content).join(' ');
    expect(all).not.toMatch(/In this article|Also read|Another story/);
  });

  it('carries title, section, order, tags and glossary names as filters, and no meta', () => {
    expect(records[1]).toEqual({
      url: '/articles/x/#p-1',
      content: 'The lead, in Kiev.',
      filters: {
        kind: ['paragraph'],
        title: ['Allies in Kiev'],
        published: ['2023-04-21'],
        order: ['1'],
        tag: ['Ukraine'],
        name: ['kyiv'],
      },
      sort: { published: '2023-04-21' },
    });
    expect(records[3]!.filters['section']).toEqual(['Fighter jets']);
    expect(records[0]!.filters['name']).toEqual(['kyiv']);
  });

  it('gives nothing for a page that is not an article', () => {
    expect(articleRecords('<html><body><p id="x">Hello</p></body></html>', findNames)).toEqual([]);
  });
});
