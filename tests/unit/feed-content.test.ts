import { describe, expect, it } from 'vitest';
import { feedHtml, leadFigureHtml } from '../../src/lib/feed-content';

const article = new URL('https://dispatch.example/articles/story/');

describe('feedHtml', () => {
  it('makes every address absolute: links, pictures and their srcset, and in-page fragments', () => {
    const html = feedHtml(
      '<p>See <a href="/tags/nato/">NATO</a> and <a href="#p-abc">this</a>.</p>' +
        '<img src="/_astro/a.webp" srcset="/_astro/a-360.webp 360w, /_astro/a-720.webp 720w" alt="A">',
      article,
    );
    expect(html).toContain('href="https://dispatch.example/tags/nato/"');
    expect(html).toContain('href="https://dispatch.example/articles/story/#p-abc"');
    expect(html).toContain('src="https://dispatch.example/_astro/a.webp"');
    expect(html).toContain(
      'srcset="https://dispatch.example/_astro/a-360.webp 360w, https://dispatch.example/_astro/a-720.webp 720w"',
    );
    expect(html).not.toMatch(/(href|src)="\//);
  });

  it('leaves out what only the page uses: ¶ and # links, old-id markers, data attributes', () => {
    const html = feedHtml(
      '<h2 id="s">Section<a class="heading-anchor" href="#s" aria-label="Link to section"></a></h2>' +
        '<p id="p-1" data-fingerprint="x">Text.<span class="anchor-alias" id="p-old"></span>' +
        '<a class="paragraph-link" href="#p-1" aria-label="Link to paragraph"></a></p>',
      article,
    );
    expect(html).toBe('<h2 id="s">Section</h2><p id="p-1">Text.</p>');
  });

  it('keeps links elsewhere as they are', () => {
    expect(feedHtml('<a href="https://example.org/x">x</a>', article)).toBe(
      '<a href="https://example.org/x">x</a>',
    );
  });
});

describe('leadFigureHtml', () => {
  it('is a figure with the picture and its caption and credit, escaped', () => {
    expect(
      leadFigureHtml({
        url: 'https://dispatch.example/_astro/lead.jpeg',
        alt: 'A "ring" & bands',
        width: 1200,
        height: 675,
        type: 'image/jpeg',
        caption: 'The <lead> picture.',
        credit: 'Dispatch',
      }),
    ).toBe(
      '<figure><img src="https://dispatch.example/_astro/lead.jpeg" alt="A &#x22;ring&#x22; &#x26; bands" width="1200" height="675"><figcaption>The &#x3C;lead> picture. Credit: Dispatch</figcaption></figure>',
    );
  });
});
