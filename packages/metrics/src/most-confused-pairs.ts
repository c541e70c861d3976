import { ConfusionMatrix } from './confusion-matrix.js';
import { rowTotals } from './confusion-totals.js';
import { MetricsError } from './metrics-error.js';
import { checkIntegerOption, checkOptions } from './validate.js';

/** Options for `mostConfusedPairs`. */
export interface MostConfusedPairsOptions {
  /** How many pairs to return at most; default 5. */
  readonly top?: number;
}

/** One off-diagonal cell: how often `trueClass` was predicted as `predictedClass`. */
export interface ConfusedPair {
  readonly trueClass: number;
  readonly predictedClass: number;
  readonly count: number;
  /** count / samples of trueClass: the share of that class lost to this confusion. */
  readonly rate: number;
}

/**
 * The largest off-diagonal counts of a confusion matrix (raw counts, whatever its
 * normalization), zeros excluded: by count descending, then rate descending, then trueClass
 * and predictedClass ascending.
 */
export function mostConfusedPairs(
  cm: ConfusionMatrix,
  options?: MostConfusedPairsOptions,
): ConfusedPair[] {
  const fn = 'mostConfusedPairs';
  if (!(cm instanceof ConfusionMatrix)) {
    throw new MetricsError({ fn, argument: 'cm', expected: 'to be a ConfusionMatrix', value: cm });
  }
  const top = checkIntegerOption(
    fn,
    'options.top',
    checkOptions(fn, options).top ?? 5,
    0,
    Number.POSITIVE_INFINITY,
  );
  const k = cm.numClasses;
  const counts = cm.rawCounts;
  const support = rowTotals(counts, k);
  let size = 0;
  const cells = new Int32Array(k * k - k);
  for (let c = 0; c < counts.length; c++) {
    const i = Math.floor(c / k);
    if (c - i * k !== i && counts[c]! > 0) cells[size++] = c;
  }
  const rate = (c: number): number => counts[c]! / support[Math.floor(c / k)]!;
  // Cell index order is (trueClass, predictedClass) order, so it breaks the final ties.
  const order = cells
    .subarray(0, size)
    .sort((a, b) => counts[b]! - counts[a]! || rate(b) - rate(a) || a - b);
  const pairs: ConfusedPair[] = [];
  for (let r = 0; r < Math.min(top, size); r++) {
    const c = order[r]!;
    const trueClass = Math.floor(c / k);
    pairs.push({ trueClass, predictedClass: c - trueClass * k, count: counts[c]!, rate: rate(c) });
  }
  return pairs;
}
