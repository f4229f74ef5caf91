import { readFile } from 'node:fs/promises';
import yaml from 'js-yaml';

/** A Markdown file's frontmatter block, `---` to `---`, and its text. */
export const frontmatterBlock = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/**
 * Reads a Markdown file's frontmatter as written, without YAML's implicit timestamps.
 *
 * js-yaml turns `2023-02-30` into 2 March 2023 without a word, so a schema that receives
 * dates from it can never reject an impossible one. With the CORE schema every date stays
 * the string the editor typed and the article schema validates it.
 */
export async function readFrontmatterAsWritten(filePath: string): Promise<Record<string, unknown>> {
  const source = await readFile(filePath, 'utf8');
  const block = frontmatterBlock.exec(source)?.[1];
  if (block === undefined) return {};
  let data: unknown;
  try {
    data = yaml.load(block, { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    if (!(error instanceof yaml.YAMLException)) throw error;
    // The block starts on the file's second line, after the opening `---`.
    const line = error.mark.line + 2;
    throw new Error(`${filePath}: frontmatter is not valid YAML at line ${line}: ${error.reason}`, {
      cause: error,
    });
  }
  return data !== null && typeof data === 'object' && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : {};
}
