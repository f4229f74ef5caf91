/**
 * A file's stamp: what its metadata says about it without reading it, as git's index keeps it
 * (size, modification and change times in nanoseconds, inode). A cache that stored what it
 * learnt from a file's bytes with the file's stamp can take it again, unread, while the stamp
 * is the same: a write changes the modification and change times, a replace (an editor's save,
 * a `git checkout`, a copy) the inode and the change time. The change time cannot be set back,
 * so a file put back with its old modification time (`tar -x`, `touch -d`) is still read.
 *
 * The one hole is the one git calls "racily clean": a file written again within the same tick
 * of its file system's clock as the stamp was taken has the same times. So a stamp is kept only
 * when `settled`: the file's last change is older, by more than a tick, than the moment the stamp
 * was taken. A file changed just before it was read is read again next time.
 */
import { stat } from 'node:fs/promises';

export interface Stamped {
  /** Size, modification time (ns), change time (ns) and inode, as one string. */
  stamp: string;
  /** Whether the stamp may be kept: the file had not changed for more than a tick. */
  settled: boolean;
}

/**
 * Sub-second file times: Linux stamps files from a clock that ticks every 1 to 10 ms (its HZ),
 * exFAT keeps 10 ms; twice the coarsest.
 */
const FINE_TICK_NS = 20_000_000n;
/** Times in whole seconds (FAT keeps two): the file system's tick is the second or two. */
const COARSE_TICK_NS = 2_000_000_000n;
const SECOND_NS = 1_000_000_000n;

/** The stamp of `file`, or `undefined` when it cannot be read (gone, not a file). */
export async function stampOf(file: string): Promise<Stamped | undefined> {
  let stats;
  try {
    stats = await stat(file, { bigint: true });
  } catch {
    return undefined;
  }
  if (!stats.isFile()) return undefined;
  const taken = BigInt(Date.now()) * 1_000_000n;
  const wholeSeconds = stats.mtimeNs % SECOND_NS === 0n && stats.ctimeNs % SECOND_NS === 0n;
  const tick = wholeSeconds ? COARSE_TICK_NS : FINE_TICK_NS;
  return {
    stamp: `${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${stats.ino}`,
    // A change time ahead of the clock (another machine's, over a network) is never settled.
    settled: taken - stats.ctimeNs > tick && taken - stats.mtimeNs > tick,
  };
}
