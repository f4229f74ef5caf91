import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { z } from 'astro/zod';
import { fold } from '../lib/fold';
import { isAcronym, type GlossaryName } from '../lib/names';
import { expected } from './errors';
import { fields, text } from './schema';

export const glossaryEntrySchema = fields({
  /** How the site names it. */
  name: text,
  kind: z.enum(['person', 'place', 'organisation'], {
    error: expected('person, place or organisation'),
  }),
  /** Other ways articles write it; the name itself always counts as one. */
  spellings: z.array(text, { error: 'expected a list of spellings' }).default([]),
});

export const glossarySchema = z.record(
  z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected an id such as "jens-stoltenberg"'),
  glossaryEntrySchema,
);

export type GlossaryEntry = GlossaryName;

/** Parses and validates a glossary; every problem is reported with the file and the field. */
export function parseGlossary(source: string, file: string): GlossaryEntry[] {
  let data: unknown;
  try {
    data = yaml.load(source, { schema: yaml.CORE_SCHEMA }) ?? {};
  } catch (error) {
    if (!(error instanceof yaml.YAMLException)) throw error;
    throw new Error(`${file}: not valid YAML at line ${error.mark.line + 1}: ${error.reason}`, {
      cause: error,
    });
  }
  const result = glossarySchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((issue) =>
      // Zod says only "Invalid key in record" for a bad id.
      issue.code === 'invalid_key'
        ? `  ${issue.path.join('.')}: expected an id such as "jens-stoltenberg" (lower-case letters, digits, hyphens)`
        : `  ${issue.path.join('.') || '(top)'}: ${issue.message}`,
    );
    throw new Error(`${file}: the glossary is not valid:\n${problems.join('\n')}`);
  }
  const entries = Object.entries(result.data).map(([id, entry]) => ({
    id,
    name: entry.name,
    kind: entry.kind,
    spellings: [...new Set([entry.name, ...entry.spellings])],
  }));
  // A spelling that names two entries would make a search ambiguous.
  const owner = new Map<string, string>();
  for (const entry of entries) {
    for (const spelling of entry.spellings) {
      const key = isAcronym(spelling) ? spelling : fold(spelling);
      const other = owner.get(key);
      if (other && other !== entry.id) {
        throw new Error(
          `${file}: ${entry.id}.spellings: "${spelling}" is also a spelling of ${other}`,
        );
      }
      owner.set(key, entry.id);
    }
  }
  return entries;
}

export function loadGlossary(file: string): GlossaryEntry[] {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return parseGlossary(source, file);
}
