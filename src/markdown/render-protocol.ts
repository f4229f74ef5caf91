import type {
  AstroMarkdownOptions,
  MarkdownRenderResult,
  UnifiedProcessorOptions,
} from '@astrojs/markdown-remark';

/**
 * What crosses between the main thread and a Markdown render worker. Only what structured clone
 * carries can cross: no functions (plugins stay on each side, imported from pipeline.ts), no
 * `URL` objects (a file's address travels as its `href`). Dates, plain objects and arrays do.
 */

/** Given to each worker when it starts: the processor's options without the plugins. */
export interface WorkerSetup {
  options: Omit<UnifiedProcessorOptions, 'remarkPlugins' | 'rehypePlugins' | 'recmaPlugins'>;
  shared: AstroMarkdownOptions;
}

export interface RenderJob {
  id: number;
  body: string;
  frontmatter: Record<string, unknown> | undefined;
  fileURL: string | undefined;
}

export type RenderReply =
  { id: number; result: MarkdownRenderResult } | { id: number; error: SentError };

/** An error as it crosses: structured clone would drop its name and its own fields. */
export interface SentError {
  name: string;
  message: string;
  stack: string | undefined;
  /** Own fields such as a VFileMessage's `line`, `column`, `reason`, `file`: those that clone. */
  fields: Record<string, unknown>;
}

export function sendError(error: unknown): SentError {
  if (!(error instanceof Error)) {
    return { name: 'Error', message: String(error), stack: undefined, fields: {} };
  }
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    try {
      fields[key] = structuredClone(value);
    } catch {
      // A field that cannot cross (a function, a class instance) stays behind.
    }
  }
  return { name: error.name, message: error.message, stack: error.stack, fields };
}

/** The error again on this side: same name, message, stack and cloneable fields. */
export function receiveError(sent: SentError): Error {
  const error = Object.assign(new Error(sent.message), sent.fields);
  error.name = sent.name;
  if (sent.stack !== undefined) error.stack = sent.stack;
  return error;
}
