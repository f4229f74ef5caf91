import { describe, expect, it } from 'vitest';
import { parseGlossary } from '../../src/content/glossary';
import { articleRecord } from '../../src/integrations/search-records';
import { nameMatcher } from '../../src/lib/names';
import { outlineMeta, wordCount, type ArticleOutline } from '../../src/lib/search-outline';

const findNames = nameMatcher(
  parseGlossary('kyiv:\n  name: Kyiv\n  kind: place\n  spellings: [Kiev]\n', 'g.yaml'),
);
const data = {
  path: '/articles/x/',
  title: 'Allies in Kiev',
  description: 'A standfirst.',
  published: '2023-04-21',
  tags: ['Military aid'],
  language: 'en',
};
const page = `<html><body><nav class="toc"><a href="#s">In this article</a></nav>
<article data-search='${JSON.stringify(data)}'>
  <h1>Allies in Kiev</h1>
  <div class="article-body">
    <p id="p-1">The lead, in Kiev.<a class="paragraph-link" href="#p-1"></a></p>
    <p id="p-5">Leopard 2 and Mig-29 jets, $150 billion.</p>
    <h2 id="jets">Fighter jets<a class="heading-anchor" href="#jets"></a></h2>
    <ul><li id="p-2">An item</li></ul>
    <blockquote id="p-3"><p>A quote</p></blockquote>
    <p id="p-4">北京是中国的首都</p>
  </div>
  <aside><h2 id="related-heading">Also read</h2><ul><li>Another story</li></ul></aside>
</article></body></html>`;

describe('articleRecord', () => {
  const record = articleRecord(page, findNames)!;
  const outline = JSON.parse(record.meta[outlineMeta]!) as ArticleOutline;

  it('makes one record per article: headline, standfirst, then every section and cited block', () => {
    expect(record.url).toBe('/articles/x/');
    expect(record.content.split('\n')).toEqual([
      'Allies in Kiev',
      'A standfirst. zznkyiv zznkyivzzh',
      'The lead, in Kiev. zznkyiv',
      'Leopard 2 and Mig-29 jets, $150 billion. zzd2zz zzdmig29zz zzd29zz zzd150zz',
      'Fighter jets',
      'An item',
      'A quote',
      '北京\u200a是\u200a中国\u200a的\u200a首都',
    ]);
  });

  it('outlines the blocks, so a match in words can be traced to its passage', () => {
    expect(outline).toEqual({
      title: 'Allies in Kiev',
      published: '2023-04-21',
      sections: ['Fighter jets'],
      blocks: [
        ['', 'headline', -1, 7],
        ['p-1', 'paragraph', -1, 5],
        ['p-5', 'paragraph', -1, 11],
        ['jets', 'section', 0, 2],
        ['p-2', 'paragraph', 0, 2],
        ['p-3', 'paragraph', 0, 2],
        ['p-4', 'paragraph', 0, 5],
      ],
    });
    expect(outline.blocks.reduce((sum, block) => sum + block[3], 0)).toBe(
      wordCount(record.content),
    );
  });

  it('ends a block with a token per number, so numbers are found whole', () => {
    // `zzd2zz` is no beginning of `zzd29zz`: Pagefind's prefix match finds 2 alone.
    expect(record.content).toContain('zzd2zz zzdmig29zz zzd29zz zzd150zz');
  });

  it('marks the names of the title, which rank the article above mere mentions', () => {
    expect(record.content.split('\n')[1]).toContain('zznkyivzzh');
    expect(record.content.split('\n').slice(2).join(' ')).not.toContain('zzh');
  });

  it('indexes nothing outside the body: no navigation, table of contents or "Also read"', () => {
    expect(record.content).not.toMatch(/In this article|Also read|Another story/);
  });

  it('carries only the outline as meta, and the publication date to sort by', () => {
    expect(Object.keys(record).sort()).toEqual(['content', 'filters', 'meta', 'sort', 'url']);
    expect(record.sort).toEqual({ published: '2023-04-21' });
  });

  it('reads blocks as the page tree has them: nested, closed by implication, cut short', () => {
    const loose = `<article data-search='${JSON.stringify({ ...data, tags: [] })}'>
<div class="article-body"><ul><li id="l-1">One <p id="p-1">inside &amp; nested</p> after
<li id="l-2">Two</ul><p id="p-2">Open<h2 id="s">Closes it</h2><p id="p-3">Cut <em>short`;
    const { content, meta } = articleRecord(loose, findNames)!;
    expect(content.split('\n').slice(2)).toEqual([
      'One inside & nested after',
      'inside & nested',
      'Two',
      'Open',
      'Closes it',
      'Cut short',
    ]);
    const { blocks } = JSON.parse(meta[outlineMeta]!) as ArticleOutline;
    expect(blocks.map(([id]) => id)).toEqual(['', 'l-1', 'p-1', 'l-2', 'p-2', 's', 'p-3']);
  });

  it('files the tags under a real Pagefind filter, and the outline in meta, not in a filter', () => {
    expect(record.filters).toEqual({ tag: ['Military aid'] });
    expect(Object.keys(record.meta)).toEqual([outlineMeta]);
  });

  it('gives nothing for a page that is not an article', () => {
    expect(
      articleRecord('<html><body><p id="x">Hello</p></body></html>', findNames),
    ).toBeUndefined();
  });
});
