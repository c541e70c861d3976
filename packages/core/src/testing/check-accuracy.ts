import { ConformanceError } from './conformance-error.js';
import { describeValue } from './describe-value.js';

/** The fraction of `predictions` equal to `labels`. */
export function accuracyOf(predictions: Int32Array, labels: Uint8Array): number {
  let correct = 0;
  for (let i = 0; i < predictions.length; i++) if (predictions[i] === labels[i]) correct++;
  return predictions.length === 0 ? 0 : correct / predictions.length;
}

/** Check that `score` equals the fraction of correct predictions. */
export function checkScore(score: number, predictions: Int32Array, labels: Uint8Array): void {
  const expected = accuracyOf(predictions, labels);
  if (typeof score !== 'number' || !(Math.abs(score - expected) <= 1e-9)) {
    throw new ConformanceError(
      'score',
      `expected the fraction of correct predictions, ${expected} (from predict on the same data), found ${describeValue(score)}`,
    );
  }
}

/** Check that a classifier fits data it should find easy (e.g. separable clusters). */
export function checkMinimumAccuracy(
  predictions: Int32Array,
  labels: Uint8Array,
  minimum: number,
  what = 'training accuracy',
): void {
  const accuracy = accuracyOf(predictions, labels);
  if (!(accuracy >= minimum)) {
    throw new ConformanceError(
      what,
      `expected at least ${minimum} on the conformance data, found ${accuracy} (${Math.round(accuracy * predictions.length)} of ${predictions.length} correct)`,
    );
  }
}
