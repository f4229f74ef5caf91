import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestOf, knownDigest, readDigested } from '../../src/integrations/built-files';
import { stampOf } from '../../src/integrations/file-stamp';

/** A file written, and left until its stamp may be kept (see file-stamp.ts). */
async function settledFile(text: string): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'built-files-')), 'index.html');
  writeFileSync(file, text);
  await expect.poll(async () => (await stampOf(file))?.settled).toBe(true);
  return file;
}

describe('the digests of built files', () => {
  it('knows the digest of a file read in this build while the file is unchanged', async () => {
    const file = await settledFile('<p>Kyiv</p>');
    expect(await knownDigest(file)).toBeUndefined();
    const { bytes, digest } = await readDigested(file);
    expect(bytes.toString()).toBe('<p>Kyiv</p>');
    expect(digest).toBe(digestOf(Buffer.from('<p>Kyiv</p>')));
    expect(await knownDigest(file)).toBe(digest);
  });

  it('forgets it when the file is written again, even with the same size', async () => {
    const file = await settledFile('<p>Kyiv</p>');
    await readDigested(file);
    writeFileSync(file, '<p>Kiev</p>');
    expect(await knownDigest(file)).toBeUndefined();
  });

  it('does not keep the digest of a file whose stamp is not settled', async () => {
    const file = await settledFile('<p>Kyiv</p>');
    // A modification time ahead of the clock: as for a file written in the clock's last tick.
    const ahead = new Date(Date.now() + 3_600_000);
    utimesSync(file, ahead, ahead);
    await readDigested(file);
    expect(await knownDigest(file)).toBeUndefined();
  });
});
