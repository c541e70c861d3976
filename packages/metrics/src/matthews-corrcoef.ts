import type { ConfusionMatrix } from './confusion-matrix.js';
import { columnTotals, rowTotals, trace } from './confusion-totals.js';
import { type ConfusionArgs, resolveConfusion } from './resolve-confusion.js';
import type { Labels } from './types.js';

/**
 * Multiclass Matthews correlation coefficient (Gorodkin's R_K) from the confusion matrix, as
 * scikit-learn's `matthews_corrcoef`: (c·s - Σ t·p) / √((s² - Σ p²)(s² - Σ t²)), with t/p the
 * true/predicted totals, c the trace and s the sample count. Returns 0 when undefined (either
 * array holds a single class).
 */
export function matthewsCorrcoef(yTrue: Labels, yPred: Labels, numClasses: number): number;
/** The same score from an already computed confusion matrix. */
export function matthewsCorrcoef(cm: ConfusionMatrix): number;
export function matthewsCorrcoef(...args: ConfusionArgs<never>): number {
  const { counts, numClasses: k, total: s } = resolveConfusion('matthewsCorrcoef', args);
  const t = rowTotals(counts, k);
  const p = columnTotals(counts, k);
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let i = 0; i < k; i++) {
    tp += t[i]! * p[i]!;
    pp += p[i]! * p[i]!;
    tt += t[i]! * t[i]!;
  }
  const covTruePred = trace(counts, k) * s - tp;
  const covPredPred = s * s - pp;
  const covTrueTrue = s * s - tt;
  const denominator = covPredPred * covTrueTrue;
  if (denominator === 0) return 0;
  return covTruePred / Math.sqrt(denominator);
}
