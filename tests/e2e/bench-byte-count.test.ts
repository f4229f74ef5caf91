import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { checkTraffic, serveCounted, type CountingServer } from '../bench/wire';

// The bench's byte count (tests/bench/wire.ts) once missed the search worker: Chromium reports
// no body size for a worker's main script. This page has what a search fetches: a module
// worker, a script it imports, WebAssembly and JSON fetched from inside the worker.
const files: Record<string, string | Buffer> = {
  'index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<link rel="icon" href="data:,"></head><body><p id="out"></p><script type="module">
const worker = new Worker('/worker.js', { type: 'module' });
worker.onmessage = (event) => { document.getElementById('out').textContent = event.data; };
</script></body></html>`,
  'worker.js': `import { size } from './helper.js';
const wasm = await (await fetch('/code.wasm')).arrayBuffer();
const json = await (await fetch('/data.json')).json();
postMessage('done ' + size(wasm) + ' ' + json.words.length);
// ${'padding to make the worker script worth counting '.repeat(200)}`,
  'helper.js': 'export const size = (buffer) => buffer.byteLength;\n',
  // A minimal valid module header followed by bytes that gzip would not shrink much.
  'code.wasm': Buffer.concat([
    Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
    Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 251)),
  ]),
  'data.json': JSON.stringify({ words: Array.from({ length: 500 }, (_, i) => `word${i}`) }),
};

describe("the bench's byte count", () => {
  let root: string;
  let server: CountingServer;
  let chromium: TestBrowser;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bench-wire-'));
    for (const [name, content] of Object.entries(files)) writeFileSync(join(root, name), content);
    server = await serveCounted(root);
    chromium = await launchBrowser();
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('counts every byte a worker fetches, its own script included, and proves it against the files', async () => {
    const context = await chromium.newContext();
    const page = await context.newPage();
    const window = await server.window();
    await page.goto(`${server.origin}/`);
    await expect.poll(() => page.locator('#out').textContent()).toMatch(/^done 4008 500$/);
    const traffic = await window.end();
    await context.close();

    expect(traffic.responses.map((r) => r.path).sort()).toEqual(
      ['/', '/code.wasm', '/data.json', '/helper.js', '/worker.js'].sort(),
    );
    // Text went gzipped, WebAssembly as it is, each body exactly its file in that encoding.
    const worker = traffic.responses.find((r) => r.path === '/worker.js')!;
    expect(worker.encoding).toBe('gzip');
    expect(worker.body).toBe(gzipSync(files['worker.js']!).length);
    const wasm = traffic.responses.find((r) => r.path === '/code.wasm')!;
    expect(wasm.encoding).toBe('identity');
    expect(wasm.body).toBe(4008);
    const sum = traffic.responses.reduce((total, r) => total + r.wire, 0);
    expect(traffic.bytes).toBe(sum);
    expect(traffic.requests).toBe(5);
    expect(() => checkTraffic(root, traffic)).not.toThrow();

    // And the check fails when a response does not match its file.
    const tampered = {
      ...traffic,
      responses: traffic.responses.map((r) =>
        r.path === '/worker.js' ? { ...r, body: r.body - 1 } : r,
      ),
    };
    expect(() => checkTraffic(root, tampered)).toThrow(/worker\.js/);
    const missing = { ...traffic, responses: traffic.responses.slice(1), requests: 4 };
    expect(() => checkTraffic(root, missing)).toThrow(/add up/);
  });
});
