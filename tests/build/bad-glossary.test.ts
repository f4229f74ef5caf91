import { describe, expect, it } from 'vitest';
import { article, seedSource } from '../support/article-source';
import { buildTemporarySite } from '../support/build';

const { frontmatter, body } = seedSource();

describe('a malformed glossary', () => {
  it('fails the build, naming the file, the entry and the field', async () => {
    const build = await buildTemporarySite({
      'articles/story.md': article(frontmatter, body),
      'glossary.yaml': 'kyiv:\n  name: Kyiv\n  kind: city\n  spellings: [Kiev]\n',
    });
    expect(build.exitCode).not.toBe(0);
    expect(build.output).toMatch(/glossary\.yaml: the glossary is not valid:\s+kyiv\.kind: /);
  });
});
