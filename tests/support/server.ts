import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { lookup } from 'mrmime';

export interface StaticSite {
  /** Origin plus base path, ending in `/`, e.g. `http://127.0.0.1:41234/news/`. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** The folder to serve, normally `dist/`. */
  root: string;
  /** The base path the site was built for. */
  base?: string;
  /** Extra response headers on every page, e.g. a Content-Security-Policy. */
  headers?: Record<string, string>;
}

/**
 * Serves a built site on 127.0.0.1 the way a static host does: `dir/` serves `dir/index.html`,
 * a missing file gets `404.html` with status 404, and nothing outside the root is reachable.
 */
export async function serveStatic({
  root,
  base = '/',
  headers = {},
}: ServeOptions): Promise<StaticSite> {
  const rootDir = normalize(root + sep);

  async function send(res: ServerResponse, file: string, status: number): Promise<void> {
    const info = await stat(file);
    res.writeHead(status, {
      'content-type': lookup(extname(file)) ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': 'no-cache',
      ...headers,
    });
    createReadStream(file).pipe(res);
  }

  async function resolveFile(pathname: string): Promise<string | undefined> {
    const candidate = normalize(join(rootDir, pathname));
    if (!candidate.startsWith(rootDir)) return undefined;
    for (const file of [candidate, join(candidate, 'index.html')]) {
      const info = await stat(file).catch(() => undefined);
      if (info?.isFile()) return file;
    }
    return undefined;
  }

  const server = createServer((req, res) => {
    void (async () => {
      const { pathname } = new URL(req.url ?? '/', 'http://localhost');
      let file: string | undefined;
      if (pathname.startsWith(base)) {
        file = await resolveFile(decodeURIComponent(pathname.slice(base.length)));
      }
      if (file) return send(res, file, 200);
      const notFound = await resolveFile('404.html');
      if (notFound) return send(res, notFound, 404);
      res.writeHead(404).end('Not found');
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: origin + base,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
