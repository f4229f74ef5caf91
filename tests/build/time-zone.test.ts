import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTemporarySite, type TemporaryBuild } from '../support/build';

/** Timed dates with and without an offset, days, an update and a correction. */
const files: Record<string, string> = {
  'articles/timed.md': `---
title: Ministers meet late into the night
description: A story whose times were written without an offset.
published: 2023-05-02 23:30
updated: 2023-05-03T00:45
tags: [Economy]
corrections:
  - date: 2023-05-03T08:00
    text: An earlier version misspelt a minister's name.
---

Ministers met until after midnight.
`,
  'articles/offset.md': `---
title: A deal announced in Kyiv
description: A story whose time was written with its offset.
published: 2023-05-01T10:15:00+03:00
tags: [Economy]
---

The deal was announced in the morning.
`,
  'articles/day.md': `---
title: A story dated by its day
description: A story with a date and no time.
published: 2023-04-30
tags: [Economy]
---

The story of a day.
`,
};

/** Every file under `dir`, by its path inside it. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), readFileSync(path));
  }
  return files;
}

let auckland: TemporaryBuild;
let utc: TemporaryBuild;

beforeAll(async () => {
  [auckland, utc] = await Promise.all([
    buildTemporarySite(files, { TZ: 'Pacific/Auckland' }),
    buildTemporarySite(files, { TZ: 'UTC' }),
  ]);
  for (const build of [auckland, utc]) {
    if (build.exitCode !== 0) throw new Error(build.output.slice(-4000));
  }
}, 240_000);

describe('the machine’s time zone does not reach the site', () => {
  it('builds the same dist/, byte for byte, under TZ=Pacific/Auckland and TZ=UTC', () => {
    const a = tree(auckland.distDir);
    const b = tree(utc.distDir);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    const differing = [...a].filter(([path, bytes]) => !bytes.equals(b.get(path)!));
    expect(differing.map(([path]) => path)).toEqual([]);
    expect(a.size).toBeGreaterThan(10);
  });

  it('reads a time without an offset in the site’s zone, and shows times with the zone', () => {
    const html = readFileSync(join(auckland.distDir, 'articles/timed/index.html'), 'utf8');
    const { document } = parseHTML(html);
    const published = document.querySelector('.published time');
    expect(published?.getAttribute('datetime')).toBe('2023-05-02T21:30:00Z');
    expect(published?.textContent).toBe('2 May 2023 at 23:30 CEST');
    // 00:45 on 3 May in Paris is still 2 May in UTC.
    const updated = document.querySelector('.updated time');
    expect(updated?.getAttribute('datetime')).toBe('2023-05-02T22:45:00Z');
    expect(updated?.textContent).toBe('3 May 2023 at 00:45 CEST');
    const correction = document.querySelector('.corrections time');
    expect(correction?.getAttribute('datetime')).toBe('2023-05-03T06:00:00Z');
    expect(correction?.textContent).toBe('3 May 2023 at 08:00 CEST');
    const data = JSON.parse(
      document.querySelector('script[type="application/ld+json"]')!.textContent!,
    );
    expect(data.datePublished).toBe('2023-05-02T21:30:00Z');
    expect(data.dateModified).toBe('2023-05-02T22:45:00Z');
    expect(
      document.querySelector('meta[property="article:published_time"]')?.getAttribute('content'),
    ).toBe('2023-05-02T21:30:00Z');
  });

  it('shows a time written with another offset in the site’s zone, and a day as a day', () => {
    const offset = parseHTML(
      readFileSync(join(utc.distDir, 'articles/offset/index.html'), 'utf8'),
    ).document;
    expect(offset.querySelector('.published time')?.getAttribute('datetime')).toBe(
      '2023-05-01T07:15:00Z',
    );
    expect(offset.querySelector('.published time')?.textContent).toBe('1 May 2023 at 09:15 CEST');
    const day = parseHTML(
      readFileSync(join(utc.distDir, 'articles/day/index.html'), 'utf8'),
    ).document;
    expect(day.querySelector('.published time')?.getAttribute('datetime')).toBe('2023-04-30');
    expect(day.querySelector('.published time')?.textContent).toBe('30 April 2023');
  });

  it('gives the feed the exact instants', () => {
    const feed = readFileSync(join(auckland.distDir, 'rss.xml'), 'utf8');
    expect(feed).toContain('<pubDate>Tue, 02 May 2023 21:30:00 GMT</pubDate>');
    expect(feed).toContain('<pubDate>Mon, 01 May 2023 07:15:00 GMT</pubDate>');
  });
});
