import { describe, expect, it } from 'vitest';
import { articleSchema } from '../../src/content/schema';

const valid = {
  title: 'A story',
  description: 'One sentence.',
  published: '2023-04-21',
};

function issues(data: unknown): string[] {
  const result = articleSchema.safeParse(data);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('the lead image in the article schema', () => {
  it('takes a file, alt text, a caption and a credit', () => {
    const article = articleSchema.parse({
      ...valid,
      image: { src: './lead.jpg', alt: 'A map', caption: 'The front.', credit: 'Dispatch' },
    });
    expect(article.image).toEqual({
      src: './lead.jpg',
      alt: 'A map',
      caption: 'The front.',
      credit: 'Dispatch',
    });
    expect(articleSchema.parse(valid).image).toBeUndefined();
  });

  it('requires alt text, and takes "" as decorative on purpose', () => {
    expect(issues({ ...valid, image: { src: './lead.jpg' } })).toEqual([
      'image.alt: expected alt text that says what the picture shows, or "" if it is decorative, got nothing',
    ]);
    expect(
      articleSchema.parse({ ...valid, image: { src: './lead.jpg', alt: '' } }).image?.alt,
    ).toBe('');
  });

  it('refuses a misspelt field and an empty caption or file', () => {
    expect(issues({ ...valid, image: { src: './lead.jpg', alt: 'A map', captoin: 'x' } })).toEqual([
      'image: unknown field "captoin": check the spelling; the fields are src, alt, caption, credit',
    ]);
    expect(issues({ ...valid, image: { src: ' ', alt: 'A map', caption: '' } })).toEqual([
      'image.src: must not be empty',
      'image.caption: must not be empty',
    ]);
  });
});
