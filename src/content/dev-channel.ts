/**
 * What the content loader tells the dev server's integrations under `astro dev`: the problems
 * in the editor's files (shown in the browser by `src/integrations/dev-search.ts`) and each
 * change to the content store (which re-indexes the search).
 *
 * The loader runs in the module graph of the content config and the integrations in the one of
 * the Astro config: two copies of this module, one process. The state is therefore kept on
 * `globalThis` under a registered symbol, which both copies see.
 */

/** A mistake in one of the editor's files, as the build would report it. */
export interface ContentProblem {
  /** The file's absolute path. */
  file: string;
  message: string;
  /** Where it is, counting from 1, when the error says. */
  line?: number | undefined;
  column?: number | undefined;
}

export type DevEvent = { type: 'problems' } | { type: 'content' };

/** An article in the store: its id and the digest of its file. */
export interface StoredEntry {
  id: string;
  digest?: string | number;
}

interface Channel {
  problems: Map<string, ContentProblem>;
  listeners: Set<(event: DevEvent) => void>;
  /** The loader's view of the store: each article's id and the digest of its file. */
  entries?: (() => Iterable<StoredEntry>) | undefined;
}

const key = Symbol.for('dispatch.dev-channel');

function channel(): Channel {
  const scope = globalThis as { [key]?: Channel };
  scope[key] ??= { problems: new Map(), listeners: new Set() };
  return scope[key];
}

function emit(event: DevEvent): void {
  for (const listener of channel().listeners) listener(event);
}

export function reportProblem(problem: ContentProblem): void {
  channel().problems.set(problem.file, problem);
  emit({ type: 'problems' });
}

export function clearProblem(file: string): void {
  if (channel().problems.delete(file)) emit({ type: 'problems' });
}

export function currentProblems(): ContentProblem[] {
  return [...channel().problems.values()];
}

/** Called by the loader when an entry was stored or deleted. */
export function contentChanged(): void {
  emit({ type: 'content' });
}

export function shareEntries(entries: () => Iterable<StoredEntry>): void {
  channel().entries = entries;
}

/** The loader's entries, or none before it has run. */
export function loaderEntries(): StoredEntry[] {
  return [...(channel().entries?.() ?? [])];
}

/** Listens until the returned function is called. */
export function onDevEvent(listener: (event: DevEvent) => void): () => void {
  channel().listeners.add(listener);
  return () => channel().listeners.delete(listener);
}
