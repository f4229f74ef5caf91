/**
 * A static server for the benchmark that counts what goes over the wire. It serves a folder the
 * way tests/support/server.ts does (`dir/` is `dir/index.html`, gzip for text when the browser
 * accepts it, 404.html for a missing file), and counts, on the sockets themselves, every byte it
 * writes: headers and bodies of every request, whoever made it (the page, a worker, Pagefind's
 * WebAssembly), whatever the folder layout. The browser's own figures are not used: Chromium
 * reports no body size for a dedicated worker's main script, which once made the bench
 * undercount.
 *
 * Each response is also logged with the file it came from and its encoding, and `check()`
 * proves the count: the bytes written equal the sum, over the responses, of each file's size
 * in the encoding it was sent in plus its header block. Compressed bodies are made whole before
 * sending (with a `content-length`), so no chunked framing hides in the count.
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { lookup } from 'mrmime';

export interface Served {
  path: string;
  /** The file sent, relative to the root ('' for a plain 404). */
  file: string;
  status: number;
  encoding: 'gzip' | 'identity';
  /** Body bytes sent. */
  body: number;
  /** Bytes of the whole response on the socket: status line, headers and body. */
  wire: number;
}

export interface Traffic {
  requests: number;
  /** Every byte written to the sockets in the window. */
  bytes: number;
  responses: Served[];
}

export interface CountingServer {
  origin: string;
  /**
   * Starts a window, once every request under way is answered; `end()` waits the same way and
   * returns what was served in between. Windows must not overlap.
   */
  window(): Promise<{ end(): Promise<Traffic> }>;
  close(): Promise<void>;
}

const compressible = (type: string) =>
  /^(text\/|application\/(javascript|json|xml|rss))|svg/.test(type);

export async function serveCounted(root: string): Promise<CountingServer> {
  const rootDir = normalize(root + sep);
  const sockets = new Set<Socket>();
  /** Bytes written by sockets already closed. */
  let closedBytes = 0;
  const log: Served[] = [];
  /** Gzipped files, made once: compressing on every request would add server time to the figures. */
  const gzipped = new Map<string, Buffer>();
  /** Requests still being answered: a window ends only when all are done. */
  let inFlight = 0;
  let idle: (() => void)[] = [];

  const written = () => {
    let bytes = closedBytes;
    for (const socket of sockets) bytes += socket.bytesWritten;
    return bytes;
  };

  function resolveFile(pathname: string): string | undefined {
    const candidate = normalize(join(rootDir, pathname));
    if (!candidate.startsWith(rootDir)) return undefined;
    for (const file of [candidate, join(candidate, 'index.html')]) {
      try {
        if (statSync(file).isFile()) return file;
      } catch {
        // Not there: try the next.
      }
    }
    return undefined;
  }

  function send(res: ServerResponse, path: string, file: string, status: number, gzip: boolean) {
    const type = lookup(extname(file)) ?? 'application/octet-stream';
    const zip = gzip && compressible(type);
    let body: Buffer;
    if (zip) {
      body = gzipped.get(file) ?? gzipSync(readFileSync(file));
      gzipped.set(file, body);
    } else {
      body = readFileSync(file);
    }
    const socket = res.socket!;
    const before = socket.bytesWritten;
    res.writeHead(status, {
      'content-type': type,
      'cache-control': 'no-cache',
      'content-length': body.length,
      ...(zip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    });
    res.end(body, () => {
      log.push({
        path,
        file: file.slice(rootDir.length),
        status,
        encoding: zip ? 'gzip' : 'identity',
        body: body.length,
        wire: socket.bytesWritten - before,
      });
      done();
    });
  }

  function done() {
    inFlight--;
    if (inFlight === 0) {
      for (const resolve of idle) resolve();
      idle = [];
    }
  }

  const settled = () =>
    inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve));

  const server = createServer((req, res) => {
    inFlight++;
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding']));
    try {
      const file = resolveFile(decodeURIComponent(pathname));
      if (file) return send(res, pathname, file, 200, gzip);
      const notFound = resolveFile('404.html');
      if (notFound) return send(res, pathname, notFound, 404, gzip);
      const socket = res.socket!;
      const before = socket.bytesWritten;
      res.writeHead(404, { 'content-length': 9 }).end('Not found', () => {
        log.push({
          path: pathname,
          file: '',
          status: 404,
          encoding: 'identity',
          body: 9,
          wire: socket.bytesWritten - before,
        });
        done();
      });
    } catch (error) {
      res.writeHead(500).end(String(error), done);
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      closedBytes += socket.bytesWritten;
      sockets.delete(socket);
    });
  });
  // Not kept alive for long: a socket left open by a closed browser context is closed soon.
  server.keepAliveTimeout = 2_000;

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    async window() {
      await settled();
      const startBytes = written();
      const startLog = log.length;
      return {
        async end() {
          await settled();
          return {
            requests: log.length - startLog,
            bytes: written() - startBytes,
            responses: log.slice(startLog),
          };
        },
      };
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * Proves a window's count against the files: each response's body is its file's size in the
 * encoding it was sent in (computed here again from the file), each response's bytes on the
 * socket are that body plus a header block of sane size, and the window's total is their sum.
 * Throws, naming what does not add up, so the bench cannot undercount silently.
 */
export function checkTraffic(root: string, traffic: Traffic): void {
  const rootDir = normalize(root + sep);
  let sum = 0;
  for (const response of traffic.responses) {
    if (response.file) {
      const raw = readFileSync(join(rootDir, response.file));
      const expected = response.encoding === 'gzip' ? gzipSync(raw).length : raw.length;
      if (response.body !== expected) {
        throw new Error(
          `byte count: ${response.path} sent ${response.body} body bytes, but ${response.file} is ${expected} bytes as ${response.encoding}`,
        );
      }
    }
    const headers = response.wire - response.body;
    if (headers < 40 || headers > 1024) {
      throw new Error(
        `byte count: ${response.path} took ${response.wire} bytes on the socket for a ${response.body}-byte body`,
      );
    }
    sum += response.wire;
  }
  if (sum !== traffic.bytes || traffic.requests !== traffic.responses.length) {
    throw new Error(
      `byte count: ${traffic.bytes} bytes written in ${traffic.requests} requests, but the responses add up to ${sum} bytes in ${traffic.responses.length}`,
    );
  }
}
