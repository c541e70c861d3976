import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ArtifactError } from './errors.js';
import { decodeJsonFile, encodeJsonFile } from './json-model-file.js';

const schema = z.object({
  format: z.literal('toy'),
  counts: z.array(z.number().int().nonnegative()).length(2),
  rows: z.array(z.array(z.number())),
});

const file = (text: string) => ({ 'toy.json': new TextEncoder().encode(text) });

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('JSON model files', () => {
  it('round-trip every float64 exactly', () => {
    const value = { format: 'toy' as const, counts: [3, 0], rows: [[1 / 3, 0.1 + 0.2, -1e-300]] };
    const back = decodeJsonFile({ 'toy.json': encodeJsonFile(value) }, 'toy.json', schema);
    expect(back).toEqual(value);
  });

  it.each([
    ['missing', {}, 'toy.json: expected this file, found it missing (files: none)'],
    ['not JSON', file('{"format": '), /^toy\.json: expected valid JSON, found a parse error: /],
    [
      'of another format',
      file('{"format":"knn","counts":[1,1],"rows":[]}'),
      /^toy\.json: format: .*"toy".*, found "knn"$/,
    ],
    [
      'holding a null where a number belongs',
      file('{"format":"toy","counts":[1,1],"rows":[[1],[2,null]]}'),
      'toy.json: rows[1][1]: expected number, found null',
    ],
    [
      'short, and negative, at once',
      file('{"format":"toy","counts":[-1],"rows":[]}'),
      /^toy\.json: counts\[0\]: .*0.*, found -1; counts: .*2.*, found \[-1\]$/,
    ],
  ])(
    'reject a file %s with an ArtifactError naming file, field, expected and found',
    (_, files, message) => {
      const error = errorOf(() => decodeJsonFile(files, 'toy.json', schema));
      expect(error).toBeInstanceOf(ArtifactError);
      expect(error.message).toMatch(message);
    },
  );
});
