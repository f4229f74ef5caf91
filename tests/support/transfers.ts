import type { Page } from 'playwright-core';

export interface Transfer {
  url: string;
  /** Chromium's resource type: Document, Stylesheet, Script, Image, Fetch, ... */
  type: string;
  /** The body's bytes as sent (compressed when the server compressed it), headers apart. */
  bodyBytes: number;
  /** Served from the browser's cache: nothing crossed the network. */
  cached: boolean;
}

/**
 * Records what a page fetches, from Chromium's own network events (DevTools protocol): each
 * request's body bytes on the wire and whether the cache served it. Call before navigating.
 */
export async function recordTransfers(page: Page): Promise<() => Transfer[]> {
  const cdp = await page.context().newCDPSession(page);
  const seen = new Map<
    string,
    { url: string; type: string; headers: number; total?: number; cached: boolean }
  >();
  cdp.on('Network.requestWillBeSent', (event) =>
    seen.set(event.requestId, {
      url: event.request.url,
      type: event.type ?? 'Other',
      headers: 0,
      cached: false,
    }),
  );
  cdp.on('Network.requestServedFromCache', (event) => {
    const entry = seen.get(event.requestId);
    if (entry) entry.cached = true;
  });
  cdp.on('Network.responseReceived', (event) => {
    const entry = seen.get(event.requestId);
    if (!entry) return;
    // What has arrived when the response starts is its status line and headers.
    entry.headers = event.response.encodedDataLength;
    if (event.response.fromDiskCache || event.response.fromPrefetchCache) entry.cached = true;
  });
  cdp.on('Network.loadingFinished', (event) => {
    const entry = seen.get(event.requestId);
    if (entry) entry.total = event.encodedDataLength;
  });
  await cdp.send('Network.enable');
  return () =>
    [...seen.values()].map(({ url, type, headers, total, cached }) => ({
      url,
      type,
      bodyBytes: cached ? 0 : Math.max(0, (total ?? 0) - headers),
      cached,
    }));
}
