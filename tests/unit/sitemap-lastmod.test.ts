import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modifiedTimeIn, modifiedTimes, readHead } from '../../src/integrations/sitemap-lastmod';

const dir = mkdtempSync(join(tmpdir(), 'sitemap-lastmod-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const page = (time: string) =>
  `<html><head><meta property="article:modified_time" content="${time}"></head><body>x</body>`;

describe('readHead', () => {
  it('stops at the end of the head, leaving the body unread', async () => {
    const head = '<html><head><meta property="article:modified_time" content="x"></head>';
    const text = await readHead(write('short.html', `${head}<body>${'p'.repeat(200_000)}</body>`));
    expect(text).toBe(head);
  });

  it('reads on past one chunk when the head is longer, keeping characters whole', async () => {
    // "ÿ" is two bytes: 16,383 ASCII bytes put one of them across the first chunk's end.
    const head = `<head>${'a'.repeat(16_377)}ÿ${'é'.repeat(10_000)}<meta content="late"></head>`;
    expect(await readHead(write('long.html', `${head}<body></body>`))).toBe(head);
  });

  it('finds the end of the head when a read cuts the tag in two', async () => {
    const head = `<head>${'a'.repeat(16_384 - 6 - 3)}</head>`;
    expect(await readHead(write('cut.html', `${head}<body></body>`))).toBe(head);
  });

  it('gives the whole file when it has no head', async () => {
    expect(await readHead(write('none.html', 'plain'))).toBe('plain');
    expect(await readHead(write('empty.html', ''))).toBe('');
  });
});

describe('modifiedTimeIn', () => {
  it('gives the article’s modified time, or none', () => {
    expect(modifiedTimeIn(page('2023-04-21T00:00:00.000Z'))).toBe('2023-04-21T00:00:00.000Z');
    expect(modifiedTimeIn('<head><title>Front</title></head>')).toBeNull();
  });
});

describe('modifiedTimes', () => {
  const cache = join(dir, 'cache', 'sitemap-lastmod.json');
  /** Pages whose last change is well in the past, so that their stamps are kept. */
  const settled = (name: string, text: string) => {
    const file = write(name, text);
    utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    return file;
  };

  it('reads each page once, then takes its time from the cache until the page changes', async () => {
    const a = settled('a.html', page('2023-01-01'));
    const b = settled('b.html', page('2023-02-02'));
    const front = settled('front.html', '<head></head>');
    const gone = join(dir, 'gone.html');
    // The change time cannot be set back: let a tick of the clock pass after the writes.
    await new Promise((done) => setTimeout(done, 50));

    const first = await modifiedTimes([a, b, front, gone], cache, 'code');
    expect(first.read).toBe(3);
    expect([...first.times]).toEqual([
      [a, '2023-01-01'],
      [b, '2023-02-02'],
      [front, null],
    ]);

    const again = await modifiedTimes([a, b, front], cache, 'code');
    expect(again.read).toBe(0);
    expect(again.times.get(b)).toBe('2023-02-02');

    write('b.html', page('2024-03-03'));
    const afterEdit = await modifiedTimes([a, b, front], cache, 'code');
    expect(afterEdit.read).toBe(1);
    expect(afterEdit.times.get(b)).toBe('2024-03-03');
  });

  it('reads every page again when the times were kept by other code', async () => {
    const a = settled('d.html', page('2025-06-06'));
    await new Promise((done) => setTimeout(done, 50));
    expect((await modifiedTimes([a], cache, 'code')).read).toBe(1);
    expect((await modifiedTimes([a], cache, 'code')).read).toBe(0);
    expect((await modifiedTimes([a], cache, 'other code')).read).toBe(1);
  });

  it('reads every page again when the cache cannot be read', async () => {
    const a = settled('c.html', page('2025-05-05'));
    writeFileSync(cache, '{ not json');
    const { times, read } = await modifiedTimes([a], cache, 'code');
    expect(read).toBe(1);
    expect(times.get(a)).toBe('2025-05-05');
  });
});
