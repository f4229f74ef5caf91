import type { APIContext } from 'astro';
import { withBase } from '../lib/articles';

export function GET(context: APIContext): Response {
  const sitemap = new URL(withBase('sitemap-index.xml'), context.site);
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${sitemap.href}\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}
