import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTemporarySite, type TemporaryBuild } from '../support/build';

const source = `---
title: Finance ministers agree a loan facility
description: Ministers meeting in Brussels agreed a loan backed by frozen assets.
published: 2023-05-02T09:30:00+02:00
updated: 2023-05-03
dateline: Brussels
byline:
  - name: Jane Doe
    url: https://example.org/people/jane-doe
  - John Roe
tags: [Economy]
source:
  name: Example Wire
  url: https://wire.example.org/
corrections:
  - date: 2023-05-03
    text: An earlier version gave the loan as €45 billion; it is €50 billion.
---

Ministers agreed a €50 billion facility.
`;

let build: TemporaryBuild;
let document: Document;

beforeAll(async () => {
  build = await buildTemporarySite({ 'articles/loan.md': source });
  if (build.exitCode !== 0) throw new Error(build.output.slice(-4000));
  document = parseHTML(readFileSync(join(build.distDir, 'articles/loan/index.html'), 'utf8'))
    .document as unknown as Document;
}, 120_000);

describe('article furniture from frontmatter', () => {
  it('shows the byline, linking each author to their page, and that page to their address', () => {
    expect(document.querySelector('.byline')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'By Jane Doe and John Roe',
    );
    const links = [...document.querySelectorAll('a[rel="author"]')];
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Jane Doe', '/authors/jane-doe/'],
      ['John Roe', '/authors/john-roe/'],
    ]);
    const authorPage = readFileSync(join(build.distDir, 'authors/jane-doe/index.html'), 'utf8');
    expect(authorPage).toContain('href="https://example.org/people/jane-doe"');
  });

  it('shows published and updated dates in <time>, the time where there is one', () => {
    expect(document.querySelector('.published time')?.getAttribute('datetime')).toBe(
      '2023-05-02T07:30:00Z',
    );
    expect(document.querySelector('.updated time')?.getAttribute('datetime')).toBe('2023-05-03');
  });

  it('lists the dated corrections and credits the source', () => {
    const item = document.querySelector('.corrections li');
    expect(item?.querySelector('time')?.getAttribute('datetime')).toBe('2023-05-03');
    expect(item?.textContent).toContain('it is €50 billion');
    expect(document.querySelector('.source a')?.getAttribute('href')).toBe(
      'https://wire.example.org/',
    );
  });

  it('puts authors, modification date and corrections in the JSON-LD', () => {
    const data = JSON.parse(
      document.querySelector('script[type="application/ld+json"]')!.textContent!,
    );
    expect(data.author).toEqual([
      { '@type': 'Person', name: 'Jane Doe', url: 'https://example.org/people/jane-doe' },
      { '@type': 'Person', name: 'John Roe' },
    ]);
    expect(data.dateModified).toBe('2023-05-03');
    expect(data.correction).toEqual([
      {
        '@type': 'CorrectionComment',
        text: 'An earlier version gave the loan as €45 billion; it is €50 billion.',
        datePublished: '2023-05-03',
      },
    ]);
    expect(data.sourceOrganization).toEqual({ '@type': 'Organization', name: 'Example Wire' });
  });

  it('lists the article on its tag page', () => {
    const tagPage = readFileSync(join(build.distDir, 'tags/economy/index.html'), 'utf8');
    expect(tagPage).toContain('href="/articles/loan/"');
  });
});
