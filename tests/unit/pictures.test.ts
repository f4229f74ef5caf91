import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { describe, expect, it, vi } from 'vitest';
import { rehypePlugins, remarkPlugins } from '../../src/markdown/pipeline';
import { fixturesDir } from '../support/paths';
import { captionAndCredit, isLocalImage } from '../../src/lib/pictures';
import { renderArticle, renderArticleError } from '../support/markdown';

/** The JSON Astro's image step leaves on a local image, for the page's render() to resolve. */
function astroImage(img: Element | null): Record<string, unknown> {
  const mark = img?.getAttribute('__astro_image_') ?? img?.getAttribute('__ASTRO_IMAGE_');
  expect(mark, 'a local image carries Astro’s image mark').toBeTruthy();
  return JSON.parse(mark!) as Record<string, unknown>;
}

describe('pictures in the body', () => {
  it('makes an image alone in its paragraph a figure, its title the caption and credit', async () => {
    const { document } = await renderArticle(
      'Before.\n\n![A map of the front line](./map.png "Where the front ran in May. Credit: Dispatch")\n\nAfter.\n',
    );
    const figure = document.querySelector('figure.figure');
    expect(figure?.parentElement?.tagName).toBe('BODY');
    expect(figure?.querySelector('.figure__caption')?.textContent).toBe(
      'Where the front ran in May.',
    );
    expect(figure?.querySelector('.figure__credit')?.textContent).toBe('Credit: Dispatch');
    const image = astroImage(figure!.querySelector('img'));
    expect(image).toMatchObject({
      src: './map.png',
      alt: 'A map of the front line',
      loading: 'lazy',
      decoding: 'async',
      widths: [360, 720, 1080, 1440],
    });
    expect(image['sizes']).toMatch(/rem/);
    // The title is the caption now, not a tooltip that repeats it.
    expect(image).not.toHaveProperty('title');
    // A figure is not a paragraph: no paragraph id, no ¶ link.
    expect(figure?.id).toBe('');
    expect(document.querySelectorAll('p')).toHaveLength(2);
  });

  it('gives a figure without a title no empty caption', async () => {
    const { document } = await renderArticle('![A map of the front line](./map.png)\n');
    expect(document.querySelector('figure img')).not.toBeNull();
    expect(document.querySelector('figcaption')).toBeNull();
  });

  it('keeps an image inside a sentence inline, and lazy', async () => {
    const { document } = await renderArticle(
      'The flag ![Flag of Ukraine](https://example.org/flag.png) flew.\n',
    );
    expect(document.querySelector('figure')).toBeNull();
    const img = document.querySelector('p img');
    expect(img?.getAttribute('loading')).toBe('lazy');
  });

  it('refuses an image without alt text, naming it', async () => {
    expect((await renderArticleError('Text.\n\n![](./map.png)\n')).message).toMatch(
      /line 3: the image "\.\/map\.png" has no alt text/,
    );
    expect((await renderArticleError('![   ](https://example.org/a.png)\n')).message).toMatch(
      /has no alt text/,
    );
  });

  it('takes ![""] as a decorative image on purpose: alt=""', async () => {
    const { document } = await renderArticle('![""](./rule.png)\n');
    expect(astroImage(document.querySelector('img'))).toMatchObject({ alt: '', src: './rule.png' });
  });

  it('publishes a local image written as raw HTML when its file is there, else leaves it', async () => {
    const renderer = await createMarkdownProcessor({ remarkPlugins, rehypePlugins });
    const beside = await renderer.render('<img src="./chart.png" alt="A chart">\n', {
      fileURL: pathToFileURL(join(fixturesDir, 'newsroom/article.md')),
    });
    expect(beside.metadata.localImagePaths).toEqual(['./chart.png']);
    expect(beside.code).toContain('__ASTRO_IMAGE_=');
    // Astro's processor prints the error it throws: checked here rather than printed.
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await expect(
        renderer.render('<img src="./chart.png">\n', {
          fileURL: pathToFileURL(join(fixturesDir, 'newsroom/article.md')),
        }),
      ).rejects.toThrow(/the image "\.\/chart\.png" has no alt text/);
      expect(printed).toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
    const { html } = await renderArticle('<img src="./nowhere.png" alt="A map">\n');
    expect(html).toContain('src="./nowhere.png"');
  });

  it('lets no text pass for Astro’s image mark', async () => {
    const { html } = await renderArticle(
      'Astro writes `__ASTRO_IMAGE_="{&quot;src&quot;:&quot;./x.png&quot;}"` on images.\n',
    );
    expect(html).not.toMatch(/__ASTRO_IMAGE_="/);
    expect(html).toContain('__ASTRO_IMAGE_<!---->=');
  });
});

describe('captionAndCredit', () => {
  it('splits at "Credit:"', () => {
    expect(captionAndCredit('Aid pledged since 2022. Credit: Dispatch')).toEqual({
      caption: 'Aid pledged since 2022.',
      credit: 'Dispatch',
    });
    expect(captionAndCredit('Credit: Reuters')).toEqual({ credit: 'Reuters' });
    expect(captionAndCredit('Just a caption')).toEqual({ caption: 'Just a caption' });
    expect(captionAndCredit(undefined)).toEqual({});
    expect(captionAndCredit('  ')).toEqual({});
  });
});

describe('isLocalImage', () => {
  it('is a file beside the article, not a URL or a path from the root', () => {
    expect(isLocalImage('./map.png')).toBe(true);
    expect(isLocalImage('images/map.png')).toBe(true);
    expect(isLocalImage('https://example.org/map.png')).toBe(false);
    expect(isLocalImage('/map.png')).toBe(false);
    expect(isLocalImage('data:image/png;base64,AAAA')).toBe(false);
  });
});
