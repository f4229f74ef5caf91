import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { projectRoot } from './paths';

export interface DevServer {
  /** Origin plus base, ending in `/`. */
  url: string;
  /** The content folder the server reads: tests edit, add and delete files in it. */
  contentDir: string;
  /** Everything the server printed so far, without colour codes. */
  output(): string;
  /** Waits until the output printed after `since` (a length of `output()`) matches `pattern`. */
  waitForOutput(pattern: RegExp, since?: number, timeout?: number): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the real `astro dev` over a copy of the project's content (or none), in its own
 * temporary content and cache folders, and resolves once it serves pages and has indexed the
 * search. The project's own content is never touched.
 */
export async function startDevServer({ copyContent = true } = {}): Promise<DevServer> {
  const root = mkdtempSync(join(tmpdir(), 'news-reader-dev-'));
  const contentDir = join(root, 'content');
  if (copyContent) cpSync(join(projectRoot, 'content'), contentDir, { recursive: true });
  mkdirSync(join(contentDir, 'articles'), { recursive: true });
  const port = await freePort();
  const astro = join(projectRoot, 'node_modules/astro/bin/astro.mjs');
  const child: ChildProcess = spawn(
    process.execPath,
    [astro, 'dev', '--host', '127.0.0.1', '--port', String(port)],
    {
      cwd: projectRoot,
      detached: true,
      env: {
        ...Object.fromEntries(
          Object.entries(process.env).filter(
            ([name]) => !/^(BASE_URL|MODE|DEV|PROD|SSR|VITEST.*|TEST|NODE_ENV)$/.test(name),
          ),
        ),
        ASTRO_TELEMETRY_DISABLED: '1',
        CONTENT_DIR: contentDir,
        CACHE_DIR: join(root, 'cache'),
      },
    },
  );
  let output = '';
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += stripVTControlCharacters(chunk.toString());
    for (const check of waiters) check();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  let exited = false;
  child.on('exit', () => {
    exited = true;
    for (const check of waiters) check();
  });

  const waitForOutput = (pattern: RegExp, since = 0, timeout = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`dev server did not print ${pattern} within ${timeout} ms:\n${output}`));
      }, timeout);
      function check() {
        if (pattern.test(output.slice(since))) {
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        } else if (exited) {
          clearTimeout(timer);
          waiters.delete(check);
          reject(new Error(`dev server exited:\n${output}`));
        }
      }
      waiters.add(check);
      check();
    });

  const server: DevServer = {
    url: `http://127.0.0.1:${port}/`,
    contentDir,
    output: () => output,
    waitForOutput,
    close: async () => {
      if (!exited && child.pid) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        process.kill(-child.pid, 'SIGTERM');
        await gone;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    await waitForOutput(/search: indexed \d+ articles/);
  } catch (error) {
    await server.close();
    throw error;
  }
  return server;
}
