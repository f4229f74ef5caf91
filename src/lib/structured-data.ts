import { site } from '../site';
import { datetimeAttribute } from './dates';
import type { ArticleEntry } from './articles';
import type { ShareImage } from './share-image';

/**
 * schema.org `NewsArticle` for an article page, as JSON-LD. Only what the frontmatter says: no
 * author when there is no byline, no image when there is none.
 */
export function newsArticle(
  article: ArticleEntry,
  url: URL,
  image?: ShareImage,
): Record<string, unknown> {
  const { data } = article;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: data.title,
    description: data.description,
    url: url.href,
    mainEntityOfPage: url.href,
    datePublished: datetimeAttribute(data.published),
    dateModified: datetimeAttribute(data.updated ?? data.published),
    inLanguage: data.language,
    ...(data.dateline ? { dateline: data.dateline } : {}),
    ...(data.tags.length > 0 ? { keywords: data.tags.join(', ') } : {}),
    ...(data.byline.length > 0
      ? {
          author: data.byline.map((author) => ({
            '@type': 'Person',
            name: author.name,
            ...(author.url ? { url: author.url } : {}),
          })),
        }
      : {}),
    ...(image
      ? {
          image: {
            '@type': 'ImageObject',
            url: image.url,
            contentUrl: image.url,
            width: image.width,
            height: image.height,
            ...(image.caption ? { caption: image.caption } : {}),
            ...(image.credit ? { creditText: image.credit } : {}),
          },
        }
      : {}),
    ...(data.source
      ? { sourceOrganization: { '@type': 'Organization', name: data.source.name } }
      : {}),
    publisher: { '@type': 'Organization', name: site.name, url: new URL(site.base, site.url).href },
    ...(data.corrections.length > 0
      ? {
          correction: data.corrections.map((correction) => ({
            '@type': 'CorrectionComment',
            text: correction.text,
            datePublished: datetimeAttribute(correction.date),
          })),
        }
      : {}),
  };
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no text can close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * Open Graph's `og:locale`: language_TERRITORY (`en_US`, `pt_BR`). A language given without a
 * territory takes its likeliest one (CLDR, through `Intl.Locale.maximize`): `en` is `en_US`.
 */
export function openGraphLocale(language: string): string {
  const { language: code, region } = new Intl.Locale(language).maximize();
  return region ? `${code}_${region}` : code;
}
