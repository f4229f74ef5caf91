import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  unified,
  type AstroMarkdownOptions,
  type MarkdownProcessor,
  type MarkdownRenderer,
  type MarkdownRenderResult,
  type UnifiedProcessorOptions,
  type UnifiedResolvedOptions,
} from '@astrojs/markdown-remark';
import { sourcesDigest } from './local-sources';
import { rehypePlugins, remarkPlugins } from './pipeline';
import { RenderPool } from './render-pool';
import type { WorkerSetup } from './render-protocol';
import { glossaryFile } from '../site';

/** A render asked for this long after the last one comes alone: no batch is under way. */
const ALONE_AFTER_MS = 100;

export type ParallelUnifiedOptions = Omit<
  UnifiedProcessorOptions,
  'remarkPlugins' | 'rehypePlugins'
>;

/**
 * Astro's `unified()` Markdown processor with the site's pipeline (pipeline.ts), rendering on
 * every core: Astro renders a collection's articles on the main thread, one core, and Markdown
 * is most of a cold build's content sync. Each worker thread (render-worker.ts) runs Astro's own
 * unified renderer with the same options and imports the same pipeline.ts, so the HTML and
 * metadata are the ones the main thread would have made.
 *
 * `MARKDOWN_WORKERS` sets the number of workers (default: the cores available); 0 or 1 renders
 * in the main thread, exactly as `unified()` does.
 *
 * To Astro this is the unified processor: the same `name`, and the same `options` object, which
 * Astro inspects (`isUnifiedProcessor`) and may add to. MDX, if the site ever has it, renders
 * in the main thread as before.
 */
export function parallelUnified(
  options: ParallelUnifiedOptions = {},
): MarkdownProcessor<UnifiedResolvedOptions> {
  const inner = unified({ ...options, remarkPlugins, rehypePlugins });
  // Astro keeps the processor's options object as it is, and digests it with the config.
  Object.assign(inner.options, { pipelineDigest: pipelineDigest() });
  return {
    ...inner,
    async createRenderer(shared) {
      const workers = markdownWorkers();
      const setup = workers > 1 ? workerSetup(inner.options, shared) : undefined;
      if (!setup) return inner.createRenderer(shared);
      return batchesInWorkers(new RenderPool(workers, setup), () => inner.createRenderer(shared));
    },
  };
}

/**
 * Renders batches in the pool's workers, and here, in the main thread, a render that comes
 * alone (an edit in `astro dev`, a one-article site: quicker than a worker that has yet to
 * start) or whose frontmatter cannot cross to a worker (a loader's own objects).
 */
function batchesInWorkers(
  pool: RenderPool,
  createRenderer: () => Promise<MarkdownRenderer>,
): MarkdownRenderer {
  let here: Promise<MarkdownRenderer> | undefined;
  /** When a render was last asked for, or last finished here. */
  let lastRender = -Infinity;
  const renderHere: MarkdownRenderer['render'] = async (content, renderOptions) => {
    here ??= createRenderer();
    try {
      return await (await here).render(content, renderOptions);
    } finally {
      lastRender = performance.now();
    }
  };
  return {
    async render(content, renderOptions) {
      // Renders here run without a break, so the articles of a content sync ask back to back:
      // the second starts the workers.
      const alone = pool.running === 0 && performance.now() - lastRender > ALONE_AFTER_MS;
      lastRender = performance.now();
      if (alone) return renderHere(content, renderOptions);
      let rendering: Promise<MarkdownRenderResult>;
      try {
        rendering = pool.render(content, renderOptions);
      } catch (error) {
        if (!(error instanceof DOMException && error.name === 'DataCloneError')) throw error;
        return renderHere(content, renderOptions);
      }
      return rendering;
    },
  };
}

/** How many worker threads render Markdown: `MARKDOWN_WORKERS`, else one per core. */
function markdownWorkers(): number {
  const setting = process.env['MARKDOWN_WORKERS']?.trim();
  if (!setting) return availableParallelism();
  if (!/^\d+$/.test(setting)) {
    throw new Error(
      `MARKDOWN_WORKERS must be a whole number of worker threads (0 or 1: render in the main thread), not "${setting}".`,
    );
  }
  return Number(setting);
}

/**
 * What each worker needs to build the same renderer, or undefined (render in the main thread,
 * with a warning) when that cannot cross to a worker.
 */
function workerSetup(
  options: UnifiedResolvedOptions,
  shared: AstroMarkdownOptions,
): WorkerSetup | undefined {
  const samePlugins = (used: readonly unknown[], ours: readonly unknown[]) =>
    used.length === ours.length && used.every((plugin, i) => plugin === ours[i]);
  if (
    !samePlugins(options.remarkPlugins, remarkPlugins) ||
    !samePlugins(options.rehypePlugins, rehypePlugins)
  ) {
    // Workers import pipeline.ts; plugins added elsewhere (by an integration, say) are not there.
    return warnMainThread('the processor has plugins that are not in src/markdown/pipeline.ts');
  }
  const setup: WorkerSetup = {
    options: {
      remarkRehype: options.remarkRehype,
      ...(options.gfm === undefined ? {} : { gfm: options.gfm }),
      ...(options.smartypants === undefined ? {} : { smartypants: options.smartypants }),
    },
    shared,
  };
  try {
    structuredClone(setup);
  } catch (error) {
    return warnMainThread(`the Markdown options cannot be sent to a worker (${String(error)})`);
  }
  return setup;
}

function warnMainThread(reason: string): undefined {
  console.warn(`[markdown] Rendering Markdown in the main thread: ${reason}.`);
  return undefined;
}

/**
 * The code whose output Astro keeps from one build to the next: the Markdown pipeline and its
 * workers (rendered articles), and the content config with its loader and schema (entries'
 * data). Astro clears what it kept only when its config changes.
 */
const contentCode = [
  new URL('./pipeline.ts', import.meta.url),
  new URL('./render-worker.ts', import.meta.url),
  new URL('./parallel-processor.ts', import.meta.url),
  new URL('../content.config.ts', import.meta.url),
].map((url) => fileURLToPath(url));

/**
 * A digest of what renders and loads an article: the sources `contentCode` runs (followed
 * import by import, see local-sources.ts) and the glossary. Astro keeps rendered articles and
 * their data from one build to the next, and clears them only when its config changes; as part
 * of the processor, this digest is part of that config, so a changed plugin, loader or glossary
 * renders every article anew instead of serving pages made by the old code. (Only the options
 * object reaches that digest: Astro's config schema drops any other field of the processor.)
 */
export function pipelineDigest(): string {
  let glossary = '';
  try {
    glossary = readFileSync(glossaryFile, 'utf8');
  } catch {
    // No glossary: the glossary's own loader says so.
  }
  const root = fileURLToPath(new URL('../', import.meta.url));
  return sourcesDigest(contentCode, root, [glossary]).slice(0, 16);
}
