import { ConfusionMatrix } from './confusion-matrix.js';
import type { ConfusionMatrixOptions } from './confusion-matrix-from-labels.js';
import { MetricsError } from './metrics-error.js';
import { checkNormalizeMode } from './normalize-mode.js';
import { checkArrayLike, checkNumClasses, checkOptions } from './validate.js';

/** Counts as the caller may hold them: k×k row-major flat, or k rows of k. */
export type CountsInput = ArrayLike<number> | ReadonlyArray<ArrayLike<number>>;

/**
 * Builds a ConfusionMatrix from counts accumulated elsewhere (rows = true class, columns =
 * predicted); the counts are copied, so the caller may keep mutating its own buffer.
 */
export function confusionMatrixFromCounts(
  counts: CountsInput,
  numClasses: number,
  options?: ConfusionMatrixOptions,
): ConfusionMatrix {
  const fn = 'confusionMatrixFromCounts';
  const k = checkNumClasses(fn, numClasses);
  const normalize = checkNormalizeMode(
    fn,
    'options.normalize',
    checkOptions(fn, options).normalize,
  );
  const input = checkArrayLike(fn, 'counts', counts);
  const raw = new Int32Array(k * k);
  const nested = input.length > 0 && typeof input[0] === 'object' && input[0] !== null;
  if (nested) {
    if (input.length !== k) {
      throw new MetricsError({
        fn,
        argument: 'counts',
        expected: `to have ${k} rows (numClasses)`,
        value: input.length,
        found: `${input.length} rows`,
      });
    }
    for (let i = 0; i < k; i++) {
      const row = checkArrayLike(fn, `counts[${i}]`, input[i]);
      if (row.length !== k) {
        throw new MetricsError({
          fn,
          argument: `counts[${i}]`,
          expected: `to have ${k} columns (numClasses)`,
          value: row.length,
          found: `length ${row.length}`,
        });
      }
      for (let j = 0; j < k; j++) raw[i * k + j] = checkCount(fn, `counts[${i}]`, j, row[j]);
    }
  } else {
    if (input.length !== k * k) {
      throw new MetricsError({
        fn,
        argument: 'counts',
        expected: `to have length ${k * k} (${k}×${k} row-major) or ${k} rows of ${k}`,
        value: input.length,
        found: `length ${input.length}`,
      });
    }
    for (let c = 0; c < k * k; c++) raw[c] = checkCount(fn, 'counts', c, input[c]);
  }
  return new ConfusionMatrix(k, raw, normalize);
}

const MAX_COUNT = 2 ** 31 - 1;

function checkCount(fn: string, argument: string, index: number, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_COUNT) {
    throw new MetricsError({
      fn,
      argument,
      index,
      expected: `to be an integer count in [0, ${MAX_COUNT}]`,
      value,
    });
  }
  return value;
}
