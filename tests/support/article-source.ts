import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths';

export const seedSlug = 'kiev-allies-coordinate-aid-under-pressure-from-zelenskyy';

/** The seed article's Markdown source, frontmatter and body apart. */
export function seedSource(): { frontmatter: string; body: string } {
  const text = readFileSync(join(projectRoot, 'content/articles', `${seedSlug}.md`), 'utf8');
  const [, frontmatter = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
  return { frontmatter, body };
}

export function article(frontmatter: string, body: string): string {
  return `---\n${frontmatter}\n---\n${body}`;
}

/** The pictures beside the seed article (its graphic), as content files for a temporary site. */
export function seedPictures(): Record<string, Uint8Array> {
  const dir = join(projectRoot, 'content/articles');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((file) => /\.(png|jpe?g|webp|avif|gif)$/i.test(file))
      .map((file) => [`articles/${file}`, readFileSync(join(dir, file))]),
  );
}
