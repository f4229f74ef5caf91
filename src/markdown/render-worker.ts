/**
 * A worker thread that renders Markdown for `parallelUnified` (parallel-processor.ts): Astro's
 * own unified processor with the plugins of pipeline.ts, the same module the main thread uses.
 *
 * Plain Node runs this file, not Vite: Node strips the TypeScript types (Node >= 22.18), and
 * src/lib/extensionless-imports.ts finds the extensionless imports inside src/ (`./citable` is
 * `./citable.ts`) as Vite does. So src/ modules the pipeline imports must keep to erasable TypeScript (no enums,
 * no parameter properties: `erasableSyntaxOnly` in tsconfig.json) and must not read
 * `import.meta.env`.
 */
// Registers the resolve hook before pipeline.ts is imported below.
import '../lib/extensionless-imports.ts';
import { parentPort, workerData } from 'node:worker_threads';
import { unified, type MarkdownRenderer } from '@astrojs/markdown-remark';
import {
  sendError,
  type RenderJob,
  type RenderReply,
  type WorkerSetup,
} from './render-protocol.ts';

async function start({ options, shared }: WorkerSetup): Promise<MarkdownRenderer> {
  // Imported after the hook is registered: pipeline.ts imports its plugins without extensions.
  const { remarkPlugins, rehypePlugins } = await import('./pipeline.ts');
  return unified({ ...options, remarkPlugins, rehypePlugins }).createRenderer(shared);
}

const renderer = start(workerData as WorkerSetup);
// A failed start (an invalid glossary, say) is reported with every job, not as a crash.
renderer.catch(() => {});

/**
 * Astro's processor prints a failed render's error, stack and all, before it throws it. The
 * error goes back to the main thread, which reports it with the file, so the worker does not
 * print it too: an Error printed alone is held until the turn after, and dropped if it was the
 * one a render failed with.
 */
const reported = new WeakSet<Error>();
const printError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  const [error] = args;
  if (args.length !== 1 || !(error instanceof Error)) return printError(...args);
  setImmediate(() => {
    if (!reported.has(error)) printError(error);
  });
};

parentPort!.on('message', async ({ id, body, frontmatter, fileURL }: RenderJob) => {
  let reply: RenderReply;
  try {
    const result = await (
      await renderer
    ).render(body, {
      ...(frontmatter ? { frontmatter } : {}),
      ...(fileURL ? { fileURL: new URL(fileURL) } : {}),
    });
    reply = { id, result };
  } catch (error) {
    if (error instanceof Error) reported.add(error);
    reply = { id, error: sendError(error) };
  }
  parentPort!.postMessage(reply);
});
