/**
 * What `npm run new` writes (src/cli/new-article.ts): an article with the headline, `published`
 * set to now in the site's time zone, every other field explained in comments, and the
 * standfirst and body marked as still to be written.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { slug } from 'github-slugger';
import { parseFrontmatterAsWritten } from './frontmatter';
import { articleSchema } from './schema';
import { STILL_TO_WRITE } from './still-to-write';
import { site } from '../site';

/** `2026-12-01T10:02:00+01:00`: the wall-clock time in `timeZone`, with its offset. */
export function localTimestamp(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  // "GMT+01:00", or "GMT" at offset zero.
  const offset = parts['timeZoneName']!.replace('GMT', '') || '+00:00';
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}${offset}`;
}

function articleTemplate(headline: string, published: string): string {
  return `---
# The headline, at most 200 characters.
title: ${JSON.stringify(headline)}
# The standfirst: one sentence that says what the story is, at most 400 characters.
description: ${JSON.stringify(`${STILL_TO_WRITE} One sentence that says what the story is.`)}
# First published, in the site's time zone (${site.timeZone}). A date alone (2026-12-01) also works.
published: ${published}
# Remove the # before a field to use it.
# Last updated: a date, or a date and time, not before published.
# updated: ${published}
# Where the story was filed from.
# dateline: Ramstein, Germany
# Who wrote it: a name, a name and url, or a list of them. Wire copy often has none: leave it out.
# byline: Jane Doe
# byline:
#   - name: Jane Doe
#     url: https://example.org/jane-doe
# The article's language, when it is not the site's (${site.language}): en-GB, uk, fr, ar...
# language: ${site.language}
# Tags, each once.
# tags:
#   - Ukraine
#   - NATO
# Headlines shown as "Also read"; a url only when one is known.
# related:
#   - title: Another headline
#     url: https://example.org/another-story
# Dated corrections, shown on the page: what was wrong and what was changed.
# corrections:
#   - date: ${published.slice(0, 10)}
#     text: An earlier version of this article misspelt the minister's name.
# Where the story comes from, e.g. a wire service.
# source:
#   name: AFP
#   url: https://www.afp.com/
# The lead picture: a file beside the article, and alt text saying what it shows ("" if it is
# decorative); caption and credit are optional.
# image:
#   src: ./photo.jpg
#   alt: Defence ministers around a table at Ramstein air base
#   caption: The meeting opened with talks between the ministers.
#   credit: Jane Doe/Dispatch
# Old section or paragraph ids that must keep landing after an edit: old-id: current-id.
# npm run link-report says which links an edit moved.
# aliases:
#   fighter-jets: fighter-aircraft
---

${STILL_TO_WRITE} The story. Each paragraph can be linked to on its own; a line starting with
\`## \` starts a section.
`;
}

/**
 * Writes content/articles/<slug>.md for `headline`; the slug is the one the site gives the file
 * (github-slugger, as Astro's glob loader). Refuses, with a message, to overwrite a file or to
 * take an address another file already has (`Kyiv-Talks.md` and `kyiv-talks.md`).
 */
export function newArticle(
  headline: string,
  articlesDir: string,
  now = new Date(),
): { file: string; slug: string } {
  const name = slug(headline.trim());
  if (!name) throw new Error(`"${headline}" gives no address: a headline needs letters or digits.`);
  const file = join(articlesDir, `${name}.md`);
  if (existsSync(file)) {
    throw new Error(
      `${file} already exists: it is left as it is. Choose another headline, or edit that file.`,
    );
  }
  const clash = existsSync(articlesDir)
    ? readdirSync(articlesDir).find(
        (other) => other.endsWith('.md') && slug(other.slice(0, -3)) === name,
      )
    : undefined;
  if (clash) {
    throw new Error(
      `${join(articlesDir, clash)} already has the address articles/${name}/: choose another headline.`,
    );
  }
  const text = articleTemplate(headline.trim(), localTimestamp(now, site.timeZone));
  // What is written must pass the schema the build applies.
  const checked = articleSchema.safeParse(parseFrontmatterAsWritten(text, file));
  if (!checked.success) {
    const issues = checked.error.issues.map(
      (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`${file}: the new article would not build:\n${issues.join('\n')}`);
  }
  writeFileSync(file, text, { flag: 'wx' });
  return { file, slug: name };
}
