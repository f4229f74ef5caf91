import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { headOf } from '../../src/integrations/sitemap-lastmod';

describe('headOf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitemap-lastmod-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('stops at the end of the head, leaving the body unread', () => {
    const head = '<html><head><meta property="article:modified_time" content="x"></head>';
    const text = headOf(write('short.html', `${head}<body>${'p'.repeat(200_000)}</body>`));
    expect(text.startsWith(head)).toBe(true);
    expect(text.length).toBeLessThan(20_000);
  });

  it('reads on past one chunk when the head is longer, keeping characters whole', () => {
    // "ÿ" is two bytes: 16,383 ASCII bytes put one of them across the first chunk's end.
    const head = `<head>${'a'.repeat(16_377)}ÿ${'é'.repeat(10_000)}<meta content="late"></head>`;
    const text = headOf(write('long.html', `${head}<body></body>`));
    expect(text.slice(0, head.length)).toBe(head);
  });

  it('gives the whole file when it has no head', () => {
    expect(headOf(write('none.html', 'plain'))).toBe('plain');
    expect(headOf(write('empty.html', ''))).toBe('');
  });
});
