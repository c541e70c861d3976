import type { ConfusionMatrix } from './confusion-matrix.js';
import { columnTotals, rowTotals } from './confusion-totals.js';
import { MetricsError } from './metrics-error.js';
import { type ConfusionArgs, resolveConfusion } from './resolve-confusion.js';
import type { Labels } from './types.js';

/** Disagreement weights: none (0/1), |i - j|, or (i - j)². */
export type KappaWeights = 'linear' | 'quadratic' | null;

/** Options for `cohenKappa`. */
export interface CohenKappaOptions {
  /** Weighting of disagreements by class distance; default null (unweighted). */
  readonly weights?: KappaWeights;
  /**
   * Returned when kappa is undefined (expected disagreement 0, e.g. both arrays hold a single
   * class); default NaN, as scikit-learn's `replace_undefined_by`.
   */
  readonly replaceUndefinedBy?: number;
}

/**
 * Cohen's kappa, 1 - Σ w·observed / Σ w·expected, as scikit-learn's `cohen_kappa_score` with
 * `labels=range(numClasses)`; linear/quadratic weights use the distance between label indices.
 */
export function cohenKappa(
  yTrue: Labels,
  yPred: Labels,
  numClasses: number,
  options?: CohenKappaOptions,
): number;
/** The same score from an already computed confusion matrix. */
export function cohenKappa(cm: ConfusionMatrix, options?: CohenKappaOptions): number;
export function cohenKappa(...args: ConfusionArgs<CohenKappaOptions>): number {
  const fn = 'cohenKappa';
  const resolved = resolveConfusion(fn, args);
  const { counts, numClasses: k, total } = resolved;
  const weight = weightFunction(fn, resolved.options.weights);
  const undefinedValue = resolved.options.replaceUndefinedBy ?? Number.NaN;
  if (typeof undefinedValue !== 'number') {
    throw new MetricsError({
      fn,
      argument: 'options.replaceUndefinedBy',
      expected: 'to be a number',
      value: undefinedValue,
    });
  }
  const rows = rowTotals(counts, k);
  const cols = columnTotals(counts, k);
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    const row = rows[i]!;
    for (let j = 0; j < k; j++) {
      const w = weight(i, j);
      if (w === 0) continue;
      observed += w * counts[i * k + j]!;
      expected += (w * row * cols[j]!) / total;
    }
  }
  if (expected === 0) return undefinedValue;
  return 1 - observed / expected;
}

function weightFunction(fn: string, weights: unknown): (i: number, j: number) => number {
  if (weights === undefined || weights === null) return (i, j) => (i === j ? 0 : 1);
  if (weights === 'linear') return (i, j) => Math.abs(i - j);
  if (weights === 'quadratic') return (i, j) => (i - j) * (i - j);
  throw new MetricsError({
    fn,
    argument: 'options.weights',
    expected: "to be 'linear', 'quadratic' or null",
    value: weights,
  });
}
