import { z } from 'astro/zod';
import { describeValue, expected } from './errors';
import { datePattern, parseWrittenDate } from '../lib/dates';

/** True when the parts name a day the calendar has (no 30 February, no month 13). */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * A date as an editor writes it: `2023-04-21`, or with a time, `2023-04-21T14:30:00+02:00`.
 * A time without an offset is the site's time (`site.timeZone`), never the machine's.
 * Impossible dates are refused rather than rolled over into the next month.
 */
export const isoDate = z
  .string({ error: expected('a date written as YYYY-MM-DD') })
  .superRefine((value, ctx) => {
    const match = datePattern.exec(value);
    if (!match) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a date: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]±HH:MM`,
      });
      return;
    }
    const [, year, month, day, hour, minute, second] = match.map(Number);
    if (!isCalendarDate(year!, month!, day!)) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a day of the calendar` });
    } else if (hour! > 23 || minute! > 59 || second! > 59) {
      ctx.addIssue({ code: 'custom', message: `"${value}" has an impossible time of day` });
    }
  })
  .transform((value, ctx) => {
    const date = parseWrittenDate(value);
    if (typeof date !== 'string') return date;
    ctx.addIssue({ code: 'custom', message: date });
    return z.NEVER;
  });

export const text = z
  .string({ error: expected('text') })
  .trim()
  .min(1, 'must not be empty');

/**
 * An object whose every field is known: a misspelt field name is an error that names it,
 * instead of a value silently ignored.
 */
export function fields<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((key) => `"${key}"`).join(', ')}: check the spelling; the fields are ${known}`
        : expected('a set of fields')(issue),
  });
}

/** BCP 47 language tag, e.g. `en`, `en-GB`, `uk`, `zh-Hans`. */
const languageTag = z
  .string({ error: expected('a language tag such as "en" or "en-GB"') })
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, {
    error: (issue) =>
      `expected a language tag such as "en" or "en-GB", got ${describeValue(issue.input)}`,
  });

/** An absolute web address. Only http(s): a `javascript:` or `data:` URL must never reach a page. */
export const webUrl = z.url({
  protocol: /^https?$/,
  error: expected('an absolute http(s) URL such as https://example.org/story'),
});

/** An element id as editors write them: letters, digits, `-` and `_`, starting with a letter or digit. */
const anchorId = z
  .string({ error: expected('an id such as "fighter-jets"') })
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u, {
    error: (issue) => `expected an id such as "fighter-jets", got ${describeValue(issue.input)}`,
  });

/** A person credited with the story: a name, or a name and the address of their page. */
const author = z
  .union([text, fields({ name: text, url: webUrl.optional() })], {
    error: expected('a name, or a name and url'),
  })
  .transform((value) => (typeof value === 'string' ? { name: value } : value));

const correction = fields({
  date: isoDate,
  /** What was wrong and what was changed, as readers should see it. */
  text,
});

/** Where the story comes from, e.g. a wire service, when it is known. */
const source = fields({ name: text, url: webUrl.optional() });

const related = fields({
  title: text,
  url: webUrl.optional(),
});

/**
 * A picture with what a reader is told about it. `alt` is required: `alt: ""` says on purpose
 * that the picture is decorative. `src` is a file beside the article (`./ramstein.jpg`); in the
 * site's build it goes through Astro's `image()` (see `articleSchemaWithImages`).
 */
export function picture<Source extends z.ZodType>(source: Source) {
  return fields({
    src: source,
    alt: z
      .string({
        error: expected('alt text that says what the picture shows, or "" if it is decorative'),
      })
      .trim(),
    caption: text.optional(),
    credit: text.optional(),
  });
}

/** A lead image's file as written, relative to the article: the unit tests' stand-in for `image()`. */
const imageFile = z
  .string({ error: expected('the path of an image file beside the article, such as ./map.jpg') })
  .trim()
  .min(1, 'must not be empty');

export const articleSchema = fields({
  /** The headline. */
  title: text.max(200, 'a headline has at most 200 characters'),
  /** The standfirst: one sentence that says what the story is. */
  description: text.max(400, 'a standfirst has at most 400 characters'),
  published: isoDate,
  updated: isoDate.optional(),
  /** Where the story was filed from, e.g. "Ramstein, Germany". */
  dateline: text.optional(),
  /** Who wrote it. Wire copy often has no byline: leave it out rather than invent one. */
  byline: z
    .union([author, z.array(author).min(1)])
    .optional()
    .transform((value) => (value === undefined ? [] : [value].flat())),
  language: languageTag.default('en'),
  tags: z
    .array(text, { error: expected('a list of tags') })
    .default([])
    .refine((tags) => new Set(tags.map((tag) => tag.toLowerCase())).size === tags.length, {
      message: 'tags must not repeat',
    }),
  /** Headlines the publisher linked as "Also read"; a URL only when one is known. */
  related: z.array(related, { error: expected('a list of headlines') }).default([]),
  /** Dated corrections, shown on the page and in its structured data. */
  corrections: z.array(correction, { error: expected('a list of dated corrections') }).default([]),
  source: source.optional(),
  /** The lead image: shown above the body, and the picture of the page's link previews. */
  image: picture(imageFile).optional(),
  /** Old anchor ids that must keep landing: `old-id: current-id` (see the README). */
  aliases: z.record(anchorId, anchorId).default({}),
}).refine(
  // An impossible date is reported once, on its own field: it is neither earlier nor later than
  // the other (what reaches here is an invalid Date, or the string itself).
  ({ published, updated }) =>
    !updated || !isValidDate(published) || !isValidDate(updated) || updated >= published,
  {
    message: 'updated must not be earlier than published',
    path: ['updated'],
  },
);

function isValidDate(date: unknown): boolean {
  return date instanceof Date && !Number.isNaN(date.getTime());
}

export type Article = z.infer<typeof articleSchema>;

type ArticleShape = typeof articleSchema.shape;

/**
 * The article schema as the site's build uses it: the lead image's file through Astro's
 * `image()`, which publishes it through Astro's image pipeline (content.config.ts). The casts
 * only retype the `image` field: `safeExtend` keeps the schema strict and its refinements.
 */
export function articleSchemaWithImages<Image extends z.ZodType>(image: () => Image) {
  const lead = picture(image()).optional();
  return articleSchema.safeExtend({
    image: lead as unknown as ArticleShape['image'],
  }) as unknown as z.ZodObject<
    Omit<ArticleShape, 'image'> & { image: typeof lead },
    z.core.$strict
  >;
}
