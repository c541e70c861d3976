import { FiguresError } from './figures-error.js';
import { checkLabel, checkLength } from './validate.js';

/** The predictions `pickMisclassified` chooses among. */
export interface Predictions {
  readonly trueLabels: ArrayLike<number>;
  readonly predictedLabels: ArrayLike<number>;
  /** The probability the model gave its predicted label, one per sample. */
  readonly confidence: ArrayLike<number>;
}

/**
 * Indices of up to `limit` wrongly predicted samples, the most confident mistakes first (ties in
 * sample order), so a grid shows the errors the model is surest of.
 */
export function pickMisclassified(
  predictions: Predictions,
  limit: number,
  figure = 'pickMisclassified',
): number[] {
  const { trueLabels, predictedLabels, confidence } = predictions;
  const n = trueLabels.length;
  checkLength(figure, 'predictedLabels', predictedLabels, n, 'one per true label');
  checkLength(figure, 'confidence', confidence, n, 'one per true label');
  if (!(Number.isInteger(limit) && limit >= 0)) {
    throw new FiguresError(figure, 'limit', 'to be an integer ≥ 0', String(limit));
  }
  const wrong: number[] = [];
  for (let i = 0; i < n; i++) {
    checkLabel(figure, `trueLabels[${i}]`, trueLabels[i]!, Number.MAX_SAFE_INTEGER);
    checkLabel(figure, `predictedLabels[${i}]`, predictedLabels[i]!, Number.MAX_SAFE_INTEGER);
    const p = confidence[i]!;
    if (!(p >= 0 && p <= 1))
      throw new FiguresError(
        figure,
        `confidence[${i}]`,
        'to be a probability in [0, 1]',
        String(p),
      );
    if (trueLabels[i] !== predictedLabels[i]) wrong.push(i);
  }
  wrong.sort((a, b) => confidence[b]! - confidence[a]! || a - b);
  return wrong.slice(0, limit);
}
