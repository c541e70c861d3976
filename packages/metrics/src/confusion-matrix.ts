import { MetricsError } from './metrics-error.js';
import { normalizeCounts } from './normalize-counts.js';
import type { NormalizeMode } from './normalize-mode.js';
import { checkNumClasses } from './validate.js';

/**
 * A k×k confusion matrix: rows are true classes, columns predicted classes, both in label
 * order 0..k-1. Build one with `confusionMatrix` or `confusionMatrixFromCounts`.
 */
export class ConfusionMatrix {
  readonly numClasses: number;
  /**
   * Cell values, row-major (true i, predicted j at i*k + j): the integer counts when
   * `normalize` is null, otherwise the normalized rates (rows/columns with no samples are 0).
   */
  readonly counts: Int32Array | Float64Array;
  /** The integer counts behind `counts`; normalizing shares this array instead of copying it. */
  readonly rawCounts: Int32Array;
  readonly normalize: NormalizeMode | null;
  /** Number of samples counted (sum of `rawCounts`). */
  readonly total: number;

  /** Wraps integer counts (not copied); throws MetricsError if they are not k×k and ≥ 0. */
  constructor(numClasses: number, rawCounts: Int32Array, normalize: NormalizeMode | null = null) {
    const k = checkNumClasses('ConfusionMatrix', numClasses);
    if (!(rawCounts instanceof Int32Array) || rawCounts.length !== k * k) {
      throw new MetricsError({
        fn: 'ConfusionMatrix',
        argument: 'rawCounts',
        expected: `to be an Int32Array of length ${k * k} (${k}×${k})`,
        value: rawCounts,
      });
    }
    let total = 0;
    for (let c = 0; c < rawCounts.length; c++) {
      const v = rawCounts[c]!;
      if (v < 0) {
        throw new MetricsError({
          fn: 'ConfusionMatrix',
          argument: 'rawCounts',
          index: c,
          expected: 'to be a count ≥ 0',
          value: v,
        });
      }
      total += v;
    }
    this.numClasses = k;
    this.rawCounts = rawCounts;
    this.normalize = normalize;
    this.total = total;
    this.counts = normalize === null ? rawCounts : normalizeCounts(rawCounts, k, normalize);
  }

  /** The cell for true class `trueClass` predicted as `predictedClass`. */
  get(trueClass: number, predictedClass: number): number {
    const k = this.numClasses;
    checkClassIndex(trueClass, 'trueClass', k);
    checkClassIndex(predictedClass, 'predictedClass', k);
    return this.counts[trueClass * k + predictedClass]!;
  }

  /** The cells as nested arrays, `rows()[trueClass][predictedClass]`. */
  rows(): number[][] {
    const k = this.numClasses;
    const out: number[][] = [];
    for (let i = 0; i < k; i++) out.push(Array.from(this.counts.subarray(i * k, (i + 1) * k)));
    return out;
  }
}

function checkClassIndex(value: number, argument: string, numClasses: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= numClasses) {
    throw new MetricsError({
      fn: 'ConfusionMatrix.get',
      argument,
      expected: `to be an integer class index in [0, ${numClasses})`,
      value,
    });
  }
}
