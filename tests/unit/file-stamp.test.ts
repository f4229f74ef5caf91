import { mkdtempSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stampOf } from '../../src/integrations/file-stamp';
import { ArticleStamps } from '../../src/content/article-stamps';

const folder = () => mkdtempSync(join(tmpdir(), 'file-stamp-'));

/** Sets `file`'s times an hour back, as for a file written long before it is read. */
const age = (file: string) => {
  const past = new Date(Date.now() - 3_600_000);
  utimesSync(file, past, past);
};

describe('stampOf', () => {
  it('gives no stamp for a missing file or a folder', async () => {
    const dir = folder();
    expect(await stampOf(join(dir, 'none.md'))).toBeUndefined();
    expect(await stampOf(dir)).toBeUndefined();
  });

  it('is the same while the file is untouched', async () => {
    const file = join(folder(), 'a.md');
    writeFileSync(file, 'one');
    expect((await stampOf(file))!.stamp).toBe((await stampOf(file))!.stamp);
  });

  it('changes with an edit that keeps the size, even when the old modification time is put back', async () => {
    const file = join(folder(), 'a.md');
    writeFileSync(file, 'Kiev');
    age(file);
    const before = await stampOf(file);
    const { mtime, atime } = statSync(file);
    writeFileSync(file, 'Kyiv');
    const after = await stampOf(file);
    expect(after!.stamp).not.toBe(before!.stamp);
    // As `tar -x` or `touch -d` would: the change time still moves.
    utimesSync(file, atime, mtime);
    const putBack = await stampOf(file);
    expect(statSync(file).mtimeMs).toBe(mtime.getTime());
    expect(putBack!.stamp).not.toBe(before!.stamp);
  });

  it('changes when the file is replaced by another of the same size (an editor’s save)', async () => {
    const dir = folder();
    const file = join(dir, 'a.md');
    writeFileSync(file, 'Kiev');
    const before = await stampOf(file);
    writeFileSync(join(dir, 'a.md.tmp'), 'Kyiv');
    renameSync(join(dir, 'a.md.tmp'), file);
    expect((await stampOf(file))!.stamp).not.toBe(before!.stamp);
  });

  it('is not settled for a file changed a moment ago: it must be read again next time', async () => {
    const file = join(folder(), 'a.md');
    // Written and stamped at once, again and again: a loaded machine may pause between the two.
    const settled: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      writeFileSync(file, `version ${i}`);
      settled.push((await stampOf(file))!.settled);
    }
    expect(settled).toContain(false);
    // Its change time, which cannot be set back, decides with the modification time: `age`
    // moves only the latter.
    age(file);
    await expect.poll(async () => (await stampOf(file))!.settled).toBe(true);
  });

  it('is never settled for a file whose time is ahead of the clock (another machine’s)', async () => {
    const file = join(folder(), 'a.md');
    writeFileSync(file, 'from a server whose clock runs fast');
    const ahead = new Date(Date.now() + 3_600_000);
    utimesSync(file, ahead, ahead);
    // Its change time long past, only the modification time keeps it unsettled.
    await expect.poll(() => Date.now() - statSync(file).ctimeMs > 100).toBe(true);
    expect((await stampOf(file))!.settled).toBe(false);
  });
});

describe('ArticleStamps', () => {
  it('gives back what was kept for a file while its stamp is the same', async () => {
    const cache = folder();
    const stamps = await ArticleStamps.open(cache, 'code');
    stamps.keep('/a.md', { stamp: '1:2:3:4', digest: 'd', stillToWrite: ['a title'] });
    stamps.keep('/b.md', { stamp: '5:6:7:8', digest: 'e' });
    stamps.keep('/c.md', { stamp: '9:9:9:9', digest: 'f' });
    stamps.forget('/c.md');
    await stamps.write();
    const next = await ArticleStamps.open(cache, 'code');
    expect(next.known('/a.md', '1:2:3:4')).toEqual({
      stamp: '1:2:3:4',
      digest: 'd',
      stillToWrite: ['a title'],
    });
    expect(next.known('/a.md', '1:2:3:5')).toBeUndefined();
    expect(next.known('/c.md', '9:9:9:9')).toBeUndefined();
  });

  it('keeps only the files of the last load', async () => {
    const cache = folder();
    const first = await ArticleStamps.open(cache, 'code');
    first.keep('/gone.md', { stamp: '1:1:1:1', digest: 'd' });
    await first.write();
    const second = await ArticleStamps.open(cache, 'code');
    expect(second.known('/gone.md', '1:1:1:1')).toBeDefined();
    await second.write();
    expect((await ArticleStamps.open(cache, 'code')).known('/gone.md', '1:1:1:1')).toBeUndefined();
  });

  it('drops whole what other code kept, or what cannot be read', async () => {
    const cache = folder();
    const stamps = await ArticleStamps.open(cache, 'code');
    stamps.keep('/a.md', { stamp: '1:2:3:4', digest: 'd' });
    await stamps.write();
    expect((await ArticleStamps.open(cache, 'other code')).known('/a.md', '1:2:3:4')).toBe(
      undefined,
    );
    writeFileSync(join(cache, 'article-stamps.json'), '{"code":"code","files":');
    expect((await ArticleStamps.open(cache, 'code')).known('/a.md', '1:2:3:4')).toBeUndefined();
  });
});
