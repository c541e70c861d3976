import type { z } from 'zod';
import type { ModelFiles } from './classifier-definition.js';
import { ArtifactError } from './errors.js';
import { parseArtifactJson } from './parse-artifact-json.js';

/** A value as a JSON model file (UTF-8, one line). JSON keeps every float64 exactly. */
export function encodeJsonFile(value: unknown): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(value)}\n`);
}

/**
 * Read a JSON model file and check it with `schema`. A missing file, invalid JSON or a value the
 * schema rejects is an ArtifactError naming the file, the field, what was expected and what was
 * found, e.g. `centroids.json: centroids[1][1]: expected number, found null`.
 */
export function decodeJsonFile<S extends z.ZodType>(
  files: ModelFiles,
  name: string,
  schema: S,
): z.output<S> {
  const bytes = files[name];
  if (bytes === undefined) {
    const present = Object.keys(files).join(', ') || 'none';
    throw new ArtifactError(`expected this file, found it missing (files: ${present})`, name);
  }
  const json = parseArtifactJson(new TextDecoder().decode(bytes), name);
  const parsed = schema.safeParse(json, { reportInput: true });
  if (!parsed.success)
    throw new ArtifactError(parsed.error.issues.map(describeIssue).join('; '), name);
  return parsed.data;
}

/** A zod issue as "centroids[1][1]: expected number, found null". */
function describeIssue({ path, message, input }: z.core.$ZodIssue): string {
  const at = path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`));
  const expected = message.replace(/^(Invalid \w+|Too \w+): |, received .*$/g, '');
  const found = JSON.stringify(input) ?? String(input);
  const where = at.length === 0 ? '' : `${at.join('').slice(1)}: `;
  return `${where}${expected}, found ${found.length > 80 ? `${found.slice(0, 77)}…` : found}`;
}
