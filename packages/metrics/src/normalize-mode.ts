import { MetricsError } from './metrics-error.js';

/**
 * How a confusion matrix is normalized, as in scikit-learn: `'true'` divides each row by its
 * number of true samples (rows = recall per class), `'pred'` each column by its number of
 * predictions (diagonal = precision), `'all'` every cell by the number of samples.
 */
export type NormalizeMode = 'true' | 'pred' | 'all';

const MODES: readonly unknown[] = ['true', 'pred', 'all', null];

/** Checks a normalize option: one of 'true' | 'pred' | 'all', or null/undefined for raw counts. */
export function checkNormalizeMode(
  fn: string,
  argument: string,
  mode: unknown,
): NormalizeMode | null {
  if (mode === undefined) return null;
  if (!MODES.includes(mode)) {
    throw new MetricsError({
      fn,
      argument,
      expected: "to be 'true', 'pred', 'all' or null",
      value: mode,
    });
  }
  return mode as NormalizeMode | null;
}
