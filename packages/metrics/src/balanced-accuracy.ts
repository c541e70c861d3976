import type { ConfusionMatrix } from './confusion-matrix.js';
import { rowTotals } from './confusion-totals.js';
import { type ConfusionArgs, resolveConfusion } from './resolve-confusion.js';
import type { Labels } from './types.js';

/**
 * Mean recall over the classes present in yTrue, as scikit-learn's `balanced_accuracy_score`:
 * classes without true samples are left out rather than counted as 0 (sklearn warns when
 * yPred holds such classes; here they simply do not enter the mean).
 */
export function balancedAccuracy(yTrue: Labels, yPred: Labels, numClasses: number): number;
/** The same score from an already computed confusion matrix. */
export function balancedAccuracy(cm: ConfusionMatrix): number;
export function balancedAccuracy(...args: ConfusionArgs<never>): number {
  const { counts, numClasses: k } = resolveConfusion('balancedAccuracy', args);
  const support = rowTotals(counts, k);
  let sum = 0;
  let present = 0;
  for (let i = 0; i < k; i++) {
    const t = support[i]!;
    if (t === 0) continue;
    sum += counts[i * k + i]! / t;
    present++;
  }
  // resolveConfusion rejects empty input, so at least one class is present.
  return sum / present;
}
