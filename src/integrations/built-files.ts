/**
 * The digests of built files, taken once per build. The search index and the link check both
 * key their caches by what a built page holds, and both run over every page after it is
 * written; a page whose digest one of them took, and whose file has not changed since (its
 * stamp, `file-stamp.ts`), need not be read and hashed again by the other.
 *
 * Kept in this process's memory, and seeded from the last build's ledger by `kept-output.ts`,
 * which leaves that build's pages in place: a page whose stamp is still the one the ledger has is
 * the page the ledger's digest is of.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { stampOf } from './file-stamp';

/** A file's digest (sha256 of its bytes, hex) with the stamp it had when it was read. */
const taken = new Map<string, { stamp: string; digest: string }>();

/** The digest of a built file's bytes. */
export function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads `file`, and remembers its digest while its stamp stays the one it had before the read. */
export async function readDigested(file: string): Promise<{ bytes: Buffer; digest: string }> {
  const path = resolve(file);
  const stamped = await stampOf(path);
  const bytes = await readFile(path);
  const digest = digestOf(bytes);
  if (stamped?.settled) taken.set(path, { stamp: stamped.stamp, digest });
  else taken.delete(path);
  return { bytes, digest };
}

/** The digest of `file` if it was read in this process and has not changed since; else none. */
export async function knownDigest(file: string): Promise<string | undefined> {
  const path = resolve(file);
  const known = taken.get(path);
  if (!known) return undefined;
  const stamped = await stampOf(path);
  return stamped?.stamp === known.stamp ? known.digest : undefined;
}

/** Digests taken of files whose stamps were `stamp` (from the last build's ledger). */
export function rememberDigests(
  entries: Iterable<{ file: string; stamp: string; digest: string }>,
): void {
  for (const { file, stamp, digest } of entries) taken.set(resolve(file), { stamp, digest });
}

/** Every digest known in this process, by absolute path, with the stamp it holds for. */
export function knownDigests(): ReadonlyMap<string, { stamp: string; digest: string }> {
  return taken;
}
