import { ConfusionMatrix } from './confusion-matrix.js';
import { countPairs } from './confusion-matrix-from-labels.js';
import { MetricsError } from './metrics-error.js';
import type { Labels } from './types.js';
import { checkOptions } from './validate.js';

/** A metric's input after overload resolution: integer counts plus the caller's options. */
export interface ResolvedConfusion<O extends object> {
  readonly numClasses: number;
  readonly counts: Int32Array;
  readonly total: number;
  readonly options: Partial<O>;
}

/**
 * The arguments of a metric derived from the confusion matrix: the labels, or a confusion matrix
 * the caller already computed (O = never for a metric without options).
 */
export type ConfusionArgs<O extends object> =
  | readonly [yTrue: Labels, yPred: Labels, numClasses: number, options?: O]
  | readonly [cm: ConfusionMatrix, options?: O];

/**
 * Accepts either `(cm, options?)` or `(yTrue, yPred, numClasses, options?)`, so every metric
 * derived from the confusion matrix can reuse one the caller already computed.
 */
export function resolveConfusion<O extends object>(
  fn: string,
  [source, second, numClasses, options]: readonly [
    Labels | ConfusionMatrix,
    (Labels | O)?,
    number?,
    O?,
  ],
): ResolvedConfusion<O> {
  if (source instanceof ConfusionMatrix) {
    const opts = checkOptions(fn, second as O | undefined);
    if (source.total === 0) {
      throw new MetricsError({
        fn,
        argument: 'cm',
        expected: 'to count at least one sample',
        value: source.total,
        found: 'a confusion matrix whose counts sum to 0',
      });
    }
    return {
      numClasses: source.numClasses,
      counts: source.rawCounts,
      total: source.total,
      options: opts,
    };
  }
  const opts = checkOptions(fn, options);
  const counts = countPairs(fn, source, second as Labels, numClasses as number, false);
  // countPairs has validated numClasses and the length of yPred.
  return {
    numClasses: numClasses as number,
    counts,
    total: (second as Labels).length,
    options: opts,
  };
}
