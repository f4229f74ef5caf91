/**
 * Under `astro dev` only (injected by `dev-search.ts`): each article's id and the digest of its
 * file, as the pages rendered now see them. The dev search compares these with the content
 * loader's to know when an edit has reached the pages, before it reads them for the index.
 */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';

export const GET: APIRoute = async () => {
  const articles = await getCollection('articles');
  return Response.json(
    articles.map(({ id, digest }) => ({ id, digest })),
    {
      headers: { 'cache-control': 'no-store' },
    },
  );
};
