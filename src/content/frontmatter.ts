import { readFile } from 'node:fs/promises';
import yaml from 'js-yaml';
import { Lexer } from 'yaml';

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
  return parseFrontmatterAsWritten(await readFile(filePath, 'utf8'), filePath);
}

/** `readFrontmatterAsWritten` for a file's text already read. */
export function parseFrontmatterAsWritten(
  source: string,
  filePath: string,
): Record<string, unknown> {
  const block = frontmatterBlock.exec(source)?.[1];
  if (block === undefined) return {};
  let data: unknown;
  try {
    data = yaml.load(block, { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    if (!(error instanceof yaml.YAMLException)) throw error;
    throw new YamlSyntaxError(filePath, block, error);
  }
  return data !== null && typeof data === 'object' && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : {};
}

/** A Markdown file's text after its frontmatter. */
export function bodyOf(source: string): string {
  const match = frontmatterBlock.exec(source);
  return match ? source.slice(match[0].length) : source;
}

/**
 * A YAML syntax error, placed where the editor has to look: js-yaml notices an unclosed quote
 * or bracket only where the text runs out, often the last line of the frontmatter, so the
 * message names the line where the quote or bracket opened, and shows it.
 */
export class YamlSyntaxError extends Error {
  /** Line in the file, counting from 1. */
  readonly line: number;
  readonly column: number;
  readonly file: string;
  readonly loc: { file: string; line: number; column: number };
  /** What js-yaml said, at the place it noticed. */
  readonly yamlReason: string;

  /**
   * @param text The YAML that failed to parse.
   * @param where What the text is, and the line of the file it starts on: frontmatter starts on
   *   the second line, after `---`.
   */
  constructor(
    file: string,
    text: string,
    error: yaml.YAMLException,
    { subject = 'frontmatter', firstLine = 2 } = {},
  ) {
    const opening = unclosedOpening(text);
    // An unclosed quote or bracket is seen only later; a problem seen before it is another one.
    const cause = opening && opening.line <= error.mark.line ? opening : undefined;
    const line = (cause?.line ?? error.mark.line) + firstLine;
    const column = (cause?.column ?? error.mark.column) + 1;
    const reason = cause?.reason ?? error.reason;
    const shown = text.split(/\r?\n/)[line - firstLine] ?? '';
    super(
      `${file}: ${subject} is not valid YAML at line ${line}: ${reason}\n` +
        `  ${line} | ${shown}\n` +
        `  ${' '.repeat(String(line).length)} | ${' '.repeat(Math.max(0, column - 1))}^`,
    );
    this.name = 'YamlSyntaxError';
    // Where Astro's error output and overlay look for the place of an error. js-yaml's own
    // error is not kept as the cause: Astro would print it, with its frame at the wrong line.
    this.loc = { file, line, column };
    this.yamlReason = error.reason;
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

interface Opening {
  /** Line and column in the block, from 0. */
  line: number;
  column: number;
  reason: string;
}

const closedDoubleQuoted = /^"(?:[^"\\]|\\[\s\S])*"$/;
const closedSingleQuoted = /^'(?:[^']|'')*'$/;
/** Tokens of the `yaml` lexer that mark structure and are not text of the source. */
const lexerMarker = /^[\x02\x18\x1f]$/;

/**
 * The first quote that never closes, else the first `[` or `{` that never closes, found with
 * the `yaml` package's lexer (its tokens are the source cut into pieces, plus markers).
 */
function unclosedOpening(block: string): Opening | undefined {
  const flows: { offset: number; char: string }[] = [];
  let offset = 0;
  let quote: { offset: number; char: string } | undefined;
  for (const token of new Lexer().lex(block)) {
    if (lexerMarker.test(token)) continue;
    if (token === '[' || token === '{') flows.push({ offset, char: token });
    else if (token === ']' || token === '}') flows.pop();
    else if (!quote && token.startsWith('"') && !closedDoubleQuoted.test(token))
      quote = { offset, char: '"' };
    else if (!quote && token.startsWith("'") && !closedSingleQuoted.test(token))
      quote = { offset, char: "'" };
    offset += token.length;
  }
  const at = (position: number) => {
    const before = block.slice(0, position).split('\n');
    return { line: before.length - 1, column: before.at(-1)!.length };
  };
  if (quote)
    return { ...at(quote.offset), reason: `the quote ${quote.char} opened here is never closed` };
  const flow = flows[0];
  if (flow) {
    const closing = flow.char === '[' ? ']' : '}';
    return {
      ...at(flow.offset),
      reason: `the ${flow.char} opened here is never closed with ${closing}`,
    };
  }
  return undefined;
}
