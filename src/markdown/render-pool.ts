import { Worker } from 'node:worker_threads';
import type { MarkdownRenderOptions, MarkdownRenderResult } from '@astrojs/markdown-remark';
import {
  receiveError,
  type RenderJob,
  type RenderReply,
  type WorkerSetup,
} from './render-protocol';

/**
 * How long a worker with nothing to render lives on: long enough to bridge a pause in a content
 * sync, short enough that a build's workers are gone, their memory with them, soon after it.
 */
const IDLE_MS = 1_000;

/**
 * A worker's young generation, where each article's syntax trees are made and dropped. V8's
 * default lets each worker hold about 150 MB more; at 16 MB a 1,000-article content sync
 * peaked 250 MB lower with two workers, at the same CPU time and wall time.
 */
const YOUNG_GENERATION_MB = 16;

interface Pending {
  resolve: (result: MarkdownRenderResult) => void;
  reject: (error: Error) => void;
}

interface PooledWorker {
  worker: Worker;
  /** Jobs sent to this worker and not yet answered, by id. */
  pending: Map<number, Pending>;
  idleTimer: NodeJS.Timeout | undefined;
}

/**
 * Up to `size` worker threads running render-worker.ts, started when there is work for them.
 * Each job goes to the least busy worker. A worker holds the process open only while it has
 * jobs (it is `unref`ed when idle), and stops after `IDLE_MS` without any, so a finished build
 * exits and a dev server's reloaded config leaves no workers behind.
 */
export class RenderPool {
  readonly #size: number;
  readonly #setup: WorkerSetup;
  readonly #workers: PooledWorker[] = [];
  #lastId = 0;

  constructor(size: number, setup: WorkerSetup) {
    this.#size = size;
    this.#setup = setup;
  }

  /** Workers started and not yet stopped. */
  get running(): number {
    return this.#workers.length;
  }

  /**
   * Renders in a worker. Throws a `DataCloneError` at once, before anything is sent, when the
   * frontmatter holds something structured clone cannot carry.
   */
  render(body: string, options: MarkdownRenderOptions = {}): Promise<MarkdownRenderResult> {
    const pooled = this.#leastBusy();
    const id = ++this.#lastId;
    const job: RenderJob = {
      id,
      body,
      frontmatter: options.frontmatter,
      fileURL: options.fileURL?.href,
    };
    try {
      pooled.worker.postMessage(job);
    } catch (error) {
      if (pooled.pending.size === 0) this.#idle(pooled);
      throw error;
    }
    clearTimeout(pooled.idleTimer);
    pooled.worker.ref();
    return new Promise((resolve, reject) => pooled.pending.set(id, { resolve, reject }));
  }

  /** An idle worker, else a new one while the pool is not full, else the one with fewest jobs. */
  #leastBusy(): PooledWorker {
    const idle = this.#workers.find(({ pending }) => pending.size === 0);
    if (idle) return idle;
    if (this.#workers.length < this.#size) return this.#start();
    return this.#workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  #start(): PooledWorker {
    const worker = new Worker(new URL('./render-worker.ts', import.meta.url), {
      workerData: this.#setup,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    const pooled: PooledWorker = { worker, pending: new Map(), idleTimer: undefined };
    this.#workers.push(pooled);

    worker.on('message', ({ id, ...reply }: RenderReply) => {
      const pending = pooled.pending.get(id);
      pooled.pending.delete(id);
      if ('result' in reply) pending?.resolve(reply.result);
      else pending?.reject(receiveError(reply.error));
      if (pooled.pending.size === 0) this.#idle(pooled);
    });
    // An error no job caught (a crash in the worker itself) fails the jobs it was holding.
    worker.on('error', (error) => this.#fail(pooled, error));
    worker.on('exit', (code) =>
      this.#fail(pooled, new Error(`A Markdown render worker stopped (exit code ${code}).`)),
    );
    return pooled;
  }

  #idle(pooled: PooledWorker): void {
    clearTimeout(pooled.idleTimer);
    pooled.worker.unref();
    pooled.idleTimer = setTimeout(() => {
      this.#remove(pooled);
      void pooled.worker.terminate();
    }, IDLE_MS).unref();
  }

  #fail(pooled: PooledWorker, error: Error): void {
    this.#remove(pooled);
    for (const { reject } of pooled.pending.values()) reject(error);
    pooled.pending.clear();
  }

  #remove(pooled: PooledWorker): void {
    clearTimeout(pooled.idleTimer);
    const index = this.#workers.indexOf(pooled);
    if (index !== -1) this.#workers.splice(index, 1);
  }
}
