import type { ConfusionMatrix } from './confusion-matrix.js';
import { columnTotals, rowTotals, trace } from './confusion-totals.js';
import { type ConfusionArgs, resolveConfusion } from './resolve-confusion.js';
import type { Labels } from './types.js';
import {
  checkZeroDivision,
  type ZeroDivision,
  type ZeroDivisionWarning,
  zeroDivisionWarning,
} from './zero-division.js';

/** Options for `precisionRecallFscoreSupport`. */
export interface PrecisionRecallFscoreOptions {
  /** Value for ill-defined scores (0/0); default 'warn' (0 plus a recorded warning). */
  readonly zeroDivision?: ZeroDivision;
}

/** One averaged row: precision, recall, F1 and the number of samples behind them. */
export interface AveragedScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Total number of samples (sum of per-class support). */
  readonly support: number;
}

/** Per-class scores indexed by class, plus the three scikit-learn averages. */
export interface PrecisionRecallFscoreSupport {
  readonly numClasses: number;
  readonly precision: Float64Array;
  readonly recall: Float64Array;
  readonly f1: Float64Array;
  /** Number of true samples of each class. */
  readonly support: Float64Array;
  /** Global tp / fp / fn; for single-label multiclass all three equal accuracy. */
  readonly micro: AveragedScores;
  /** Unweighted mean over all numClasses classes (NaN scores skipped). */
  readonly macro: AveragedScores;
  /** Mean weighted by support (NaN scores and their weights skipped). */
  readonly weighted: AveragedScores;
  /** Recorded only when zeroDivision is 'warn'; never printed. */
  readonly warnings: readonly ZeroDivisionWarning[];
}

/**
 * Per-class precision, recall, F1 and support with micro, macro and weighted averages, as
 * scikit-learn's `precision_recall_fscore_support` with `labels=range(numClasses)`.
 */
export function precisionRecallFscoreSupport(
  yTrue: Labels,
  yPred: Labels,
  numClasses: number,
  options?: PrecisionRecallFscoreOptions,
): PrecisionRecallFscoreSupport;
/** The same scores from an already computed confusion matrix (no pass over the samples). */
export function precisionRecallFscoreSupport(
  cm: ConfusionMatrix,
  options?: PrecisionRecallFscoreOptions,
): PrecisionRecallFscoreSupport;
export function precisionRecallFscoreSupport(
  ...args: ConfusionArgs<PrecisionRecallFscoreOptions>
): PrecisionRecallFscoreSupport {
  const fn = 'precisionRecallFscoreSupport';
  const resolved = resolveConfusion(fn, args);
  return scoresFromCounts(
    fn,
    resolved.counts,
    resolved.numClasses,
    resolved.total,
    resolved.options,
  );
}

/** Shared by `precisionRecallFscoreSupport` and `classificationReport`. */
export function scoresFromCounts(
  fn: string,
  counts: Int32Array,
  numClasses: number,
  total: number,
  options: Partial<PrecisionRecallFscoreOptions>,
): PrecisionRecallFscoreSupport {
  const zd = checkZeroDivision(fn, options.zeroDivision);
  const k = numClasses;
  const support = rowTotals(counts, k);
  const predicted = columnTotals(counts, k);
  const precision = new Float64Array(k);
  const recall = new Float64Array(k);
  const f1 = new Float64Array(k);
  const noPredicted: number[] = [];
  const noTrue: number[] = [];
  const neither: number[] = [];
  for (let i = 0; i < k; i++) {
    const tp = counts[i * k + i]!;
    const p = predicted[i]!;
    const t = support[i]!;
    precision[i] = p > 0 ? tp / p : zd.value;
    recall[i] = t > 0 ? tp / t : zd.value;
    // F1 from counts, 2tp / (2tp + fp + fn), as scikit-learn ≥ 1.3: it is only ill-defined
    // when the class is absent from both arrays, not whenever precision or recall is.
    f1[i] = t + p > 0 ? (2 * tp) / (t + p) : zd.value;
    if (p === 0) noPredicted.push(i);
    if (t === 0) noTrue.push(i);
    if (t + p === 0) neither.push(i);
  }
  const warnings: ZeroDivisionWarning[] = [];
  if (zd.warn) {
    if (noPredicted.length > 0) warnings.push(zeroDivisionWarning('precision', noPredicted));
    if (noTrue.length > 0) warnings.push(zeroDivisionWarning('recall', noTrue));
    if (neither.length > 0) warnings.push(zeroDivisionWarning('f1', neither));
  }
  const correct = trace(counts, k) / total;
  return {
    numClasses: k,
    precision,
    recall,
    f1,
    support,
    micro: { precision: correct, recall: correct, f1: correct, support: total },
    macro: {
      precision: nanAverage(precision, null),
      recall: nanAverage(recall, null),
      f1: nanAverage(f1, null),
      support: total,
    },
    weighted: {
      precision: nanAverage(precision, support),
      recall: nanAverage(recall, support),
      f1: nanAverage(f1, support),
      support: total,
    },
    warnings,
  };
}

/**
 * scikit-learn's `_nanaverage`: NaN entries are dropped with their weights; all weights zero
 * falls back to the plain mean; all entries NaN gives NaN.
 */
function nanAverage(values: Float64Array, weights: Float64Array | null): number {
  let plain = 0;
  let count = 0;
  let weighted = 0;
  let weightSum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    plain += v;
    count++;
    if (weights !== null) {
      const w = weights[i]!;
      weighted += w * v;
      weightSum += w;
    }
  }
  if (count === 0) return Number.NaN;
  if (weights === null || weightSum === 0) return plain / count;
  return weighted / weightSum;
}
