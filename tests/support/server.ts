import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { createGzip } from 'node:zlib';
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
  /** Gzip text responses when the browser accepts it, as static hosts do (for measurements). */
  compress?: boolean;
}

/**
 * Serves a built site on 127.0.0.1 the way a static host does: `dir/` serves `dir/index.html`,
 * a missing file gets `404.html` with status 404, and nothing outside the root is reachable.
 */
export async function serveStatic({
  root,
  base = '/',
  headers = {},
  compress = false,
}: ServeOptions): Promise<StaticSite> {
  const rootDir = normalize(root + sep);
  const assetsDir = join(rootDir, '_astro', sep);

  async function send(
    res: ServerResponse,
    file: string,
    status: number,
    gzip: boolean,
  ): Promise<void> {
    const info = await stat(file);
    const type = lookup(extname(file)) ?? 'application/octet-stream';
    const zip = gzip && /^(text\/|application\/(javascript|json|xml|rss))|svg/.test(type);
    res.writeHead(status, {
      'content-type': type,
      // Astro's /_astro/ files are named by their content: a host can let browsers keep them.
      'cache-control': file.startsWith(assetsDir)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      ...(zip
        ? { 'content-encoding': 'gzip', vary: 'accept-encoding' }
        : { 'content-length': info.size }),
      ...headers,
    });
    const stream = createReadStream(file);
    (zip ? stream.pipe(createGzip()) : stream).pipe(res);
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
      const gzip = compress && /\bgzip\b/.test(String(req.headers['accept-encoding']));
      if (file) return send(res, file, 200, gzip);
      const notFound = await resolveFile('404.html');
      if (notFound) return send(res, notFound, 404, gzip);
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
