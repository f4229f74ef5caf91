import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLinkReport, linkReport } from '../../src/lib/link-report';
import {
  PARAGRAPH_ID_PREFIX,
  encodeFingerprint,
  fingerprint,
} from '../../src/markdown/fingerprint';

const idOf = (text: string) => PARAGRAPH_ID_PREFIX + encodeFingerprint(fingerprint(text));

/** An article page as the site builds it, as far as the report reads it. */
function page(title: string, body: string): string {
  return `<!doctype html><html><body><main><article data-search='{"path":"/x/"}'><h1>${title}</h1><div class="article-body">${body}</div></article></main></body></html>`;
}

function build(pages: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'link-report-'));
  for (const [path, html] of Object.entries(pages)) {
    mkdirSync(join(root, 'articles', path), { recursive: true });
    writeFileSync(join(root, 'articles', path, 'index.html'), html);
  }
  return root;
}

const pinned =
  'The alliance pledged a joint repair centre for the Leopard 2 tanks that Ukraine has received.';

describe('the link report', () => {
  it('follows a pinned id through an edit of its text, with the distance', async () => {
    const corrected = pinned.replace('joint', 'shared');
    const before = build({
      story: page(
        'Story',
        `<p id="repair" data-fingerprint="${idOf(pinned).slice(2)}">${pinned}</p>`,
      ),
    });
    const after = build({
      story: page(
        'Story',
        `<p id="repair" data-fingerprint="${idOf(corrected).slice(2)}">${corrected}</p>`,
      ),
    });
    const [report] = await linkReport(before, after);
    expect(report!.links).toEqual([
      {
        link: { id: 'repair', kind: 'paragraph', text: pinned },
        fate: { kind: 'edited', id: 'repair', distance: expect.any(Number) },
      },
    ]);
  });

  it('lists an article removed, leaves out new and unchanged ones', async () => {
    const same = page('Same', `<p id="${idOf(pinned)}">${pinned}</p>`);
    const before = build({ gone: page('Gone story', '<h2 id="a">A</h2>'), same });
    const after = build({ same, fresh: page('Fresh', '<h2 id="b">B</h2>') });
    const reports = await linkReport(before, after);
    expect(reports).toEqual([
      { path: 'articles/gone/', title: 'Gone story', status: 'removed', links: [] },
    ]);
    expect(formatLinkReport(reports, 'old')).toContain(
      'removed: every link to this article now gets "page not found"',
    );
    expect(formatLinkReport([], 'old')).toBe(
      "Link report against old: no article's paragraphs or sections changed.",
    );
  });

  it('names no alias to add when the heading in the old one’s place is not new', async () => {
    const before = build({ story: page('S', '<h2 id="jets">Jets</h2><h2 id="tanks">Tanks</h2>') });
    const after = build({ story: page('S', '<h2 id="tanks">Tanks</h2>') });
    const [report] = await linkReport(before, after);
    expect(report!.links.map(({ link, fate }) => [link.id, fate])).toEqual([
      ['jets', { kind: 'section-renamed', suggestion: undefined }],
      ['tanks', { kind: 'unchanged' }],
    ]);
  });

  it('reads no page the digests say is unchanged, and still lists one removed', async () => {
    const before = build({
      kept: page('Kept', '<h2 id="jets">Jets</h2>'),
      gone: page('Gone', '<h2 id="a">A</h2>'),
    });
    // Different bytes, but said unchanged: the digests, not the files, decide.
    const after = build({ kept: page('Kept', '<h2 id="tanks">Tanks</h2>') });
    const asked: string[] = [];
    const reports = await linkReport(before, after, (path) => {
      asked.push(path);
      return true;
    });
    expect(asked).toEqual(['articles/kept/']);
    expect(reports.map((report) => [report.path, report.status])).toEqual([
      ['articles/gone/', 'removed'],
    ]);
    expect(await linkReport(before, after, () => false)).toHaveLength(2);
  });
});
