import { describe, expect, it } from 'vitest';
import { withoutSourceFrontmatter } from '../../src/content/rendered-html';

describe('withoutSourceFrontmatter', () => {
  it('keeps what the plugins added to the frontmatter and drops the file’s own fields', () => {
    const metadata = {
      headings: [{ depth: 2, slug: 'a', text: 'A' }],
      imagePaths: ['./map.png'],
      frontmatter: { title: 'T', published: new Date(0), readingMinutes: 3, names: { x: 1 } },
    };
    expect(withoutSourceFrontmatter(metadata, ['title', 'published'])).toEqual({
      headings: metadata.headings,
      imagePaths: ['./map.png'],
      frontmatter: { readingMinutes: 3, names: { x: 1 } },
    });
  });

  it('leaves metadata without frontmatter as it is', () => {
    expect(withoutSourceFrontmatter({ headings: [] }, ['title'])).toEqual({ headings: [] });
    expect(withoutSourceFrontmatter(undefined, [])).toEqual({});
  });
});
