import { ConfusionMatrix } from './confusion-matrix.js';
import { trace } from './confusion-totals.js';
import { resolveConfusion } from './resolve-confusion.js';
import type { Labels } from './types.js';
import { checkPair, labelError } from './validate.js';

/** Fraction of samples whose predicted label equals the true label. */
export function accuracy(yTrue: Labels, yPred: Labels): number;
/** Fraction of samples on the diagonal of a confusion matrix (trace / total). */
export function accuracy(cm: ConfusionMatrix): number;
export function accuracy(source: Labels | ConfusionMatrix, yPred?: Labels): number {
  if (source instanceof ConfusionMatrix) {
    const { counts, numClasses, total } = resolveConfusion('accuracy', [source]);
    return trace(counts, numClasses) / total;
  }
  const fn = 'accuracy';
  // No numClasses here: labels need only be non-negative integers to compare meaningfully.
  const n = checkPair(fn, source, yPred as Labels, 'yTrue', 'yPred', false);
  const pred = yPred as Labels;
  let correct = 0;
  for (let s = 0; s < n; s++) {
    const t = source[s]!;
    const p = pred[s]!;
    if (!(t >= 0 && Number.isInteger(t)))
      throw labelError(fn, 'yTrue', s, t, Number.POSITIVE_INFINITY);
    if (!(p >= 0 && Number.isInteger(p)))
      throw labelError(fn, 'yPred', s, p, Number.POSITIVE_INFINITY);
    if (t === p) correct++;
  }
  return correct / n;
}
