import { ConfusionMatrix } from './confusion-matrix.js';
import { checkNormalizeMode, type NormalizeMode } from './normalize-mode.js';
import type { Labels } from './types.js';
import { checkNumClasses, checkOptions, checkPair, labelError } from './validate.js';

/** Options for `confusionMatrix`. */
export interface ConfusionMatrixOptions {
  /** Normalize over true rows, predicted columns or all cells; omit or null for raw counts. */
  readonly normalize?: NormalizeMode | null;
}

/** Counts predictions per (true, predicted) class pair in one pass over the samples. */
export function confusionMatrix(
  yTrue: Labels,
  yPred: Labels,
  numClasses: number,
  options?: ConfusionMatrixOptions,
): ConfusionMatrix {
  const fn = 'confusionMatrix';
  const normalize = checkNormalizeMode(
    fn,
    'options.normalize',
    checkOptions(fn, options).normalize,
  );
  return new ConfusionMatrix(numClasses, countPairs(fn, yTrue, yPred, numClasses, true), normalize);
}

/**
 * Validates labels and tallies them into a k×k Int32Array; shared by every metric that takes
 * labels, so their errors name the public function the caller used.
 */
export function countPairs(
  fn: string,
  yTrue: Labels,
  yPred: Labels,
  numClasses: number,
  allowEmpty: boolean,
): Int32Array {
  const k = checkNumClasses(fn, numClasses);
  const n = checkPair(fn, yTrue, yPred, 'yTrue', 'yPred', allowEmpty);
  const counts = new Int32Array(k * k);
  for (let s = 0; s < n; s++) {
    const t = yTrue[s]!;
    const p = yPred[s]!;
    // Range first: cheap, and rejects NaN and undefined before the integer test.
    if (!(t >= 0 && t < k && Number.isInteger(t))) throw labelError(fn, 'yTrue', s, t, k);
    if (!(p >= 0 && p < k && Number.isInteger(p))) throw labelError(fn, 'yPred', s, p, k);
    counts[t * k + p]!++;
  }
  return counts;
}
