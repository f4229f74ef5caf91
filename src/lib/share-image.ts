import type { ImageMetadata } from 'astro';
import { getImage } from 'astro:assets';
import { SHARE_WIDTH } from './pictures';

/** The lead image as link previews and search engines take it (og:image, JSON-LD). */
export interface ShareImage {
  /** Absolute address. */
  url: string;
  alt: string;
  width: number;
  height: number;
  type: string;
  caption?: string | undefined;
  credit?: string | undefined;
}

/**
 * A JPEG of the lead image, at most 1,200 pixels wide: the size and format every link preview
 * reads (some still read no WebP), with an absolute address.
 */
export async function shareImage(
  image: {
    src: ImageMetadata;
    alt: string;
    caption?: string | undefined;
    credit?: string | undefined;
  },
  site: URL,
): Promise<ShareImage> {
  const width = Math.min(SHARE_WIDTH, image.src.width);
  const shared = await getImage({ src: image.src, width, format: 'jpeg' });
  return {
    url: new URL(shared.src, site).href,
    alt: image.alt,
    width: Number(shared.attributes['width'] ?? width),
    height: Number(
      shared.attributes['height'] ?? Math.round((width * image.src.height) / image.src.width),
    ),
    type: 'image/jpeg',
    caption: image.caption,
    credit: image.credit,
  };
}
