/**
 * Pagefind's requests in the search worker, made cheaper on the way in:
 *
 * - Pagefind gzips its index files and inflates them in JavaScript, which was the largest part of
 *   a first search (about 120 ms of 450 on 1,000 articles). When a file already arrives inflated
 *   and starts with Pagefind's signature, pagefind.js skips its own inflate. So Pagefind's files
 *   are inflated here by the browser's native `DecompressionStream`: the same bytes on the wire,
 *   far less time.
 * - Each part of the index (`search-parts.ts`) is a Pagefind instance, and each asks for the
 *   WebAssembly in its own folder. The build writes it once, in the shared folder: every part's
 *   request is answered with that one file, fetched and inflated once (the module is compiled
 *   once in any case: pagefind.js keeps the first).
 */

const GZIP_MAGIC = [0x1f, 0x8b];
const pagefindFile = /\/pagefind\/.*\.(pf_meta|pf_index|pf_fragment|pf_filter|pagefind)(\?|$)/;
const partWasm = /\/parts\/[^/]+\/(wasm\.[^/?]+\.pagefind)(\?.*)?$/;

async function inflated(response: Response): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Installs the wrapper on `scope` (the worker's global); `sharedDir` is the folder of Pagefind's
 * shared files. Other requests pass through untouched.
 */
export function inflatePagefindFiles(scope: { fetch: typeof fetch }, sharedDir: string): void {
  const original = scope.fetch.bind(scope);
  const wasm = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  const native = typeof DecompressionStream !== 'undefined';
  scope.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const shared = partWasm.exec(url);
    if (shared) {
      const name = shared[1]!;
      let bytes = wasm.get(name);
      if (!bytes) {
        bytes = original(`${sharedDir}${name}`, init).then((response) => {
          if (!response.ok) throw new Error(`Pagefind's ${name}: ${response.status}`);
          return native
            ? inflated(response)
            : response.arrayBuffer().then((b) => new Uint8Array(b));
        });
        // A failed fetch is tried again by the next part that asks.
        bytes.catch(() => wasm.delete(name));
        wasm.set(name, bytes);
      }
      return new Response(await bytes);
    }
    const response = await original(input, init);
    if (!native || !response.ok || !pagefindFile.test(url)) return response;
    return new Response(await inflated(response), { status: response.status });
  };
}
