import { MetricsError } from './metrics-error.js';
import type { ScoreMatrix } from './types.js';

/** Checks that `scores` is a Float32Array/Float64Array holding numSamples × numClasses values. */
export function checkScoreMatrix(
  fn: string,
  scores: unknown,
  numSamples: number,
  numClasses: number,
): ScoreMatrix {
  if (!(scores instanceof Float32Array || scores instanceof Float64Array)) {
    throw new MetricsError({
      fn,
      argument: 'probabilities',
      expected: 'to be a Float32Array or Float64Array (n×k row-major)',
      value: scores,
    });
  }
  const expectedLength = numSamples * numClasses;
  if (scores.length !== expectedLength) {
    throw new MetricsError({
      fn,
      argument: 'probabilities',
      expected: `to have length ${expectedLength} (${numSamples} samples × ${numClasses} classes)`,
      value: scores.length,
      found: `length ${scores.length}`,
    });
  }
  return scores;
}

/** Error for one cell of a score matrix, naming its sample and class. */
export function scoreError(
  fn: string,
  index: number,
  numClasses: number,
  expected: string,
  value: number,
): MetricsError {
  const sample = Math.floor(index / numClasses);
  const cls = index - sample * numClasses;
  return new MetricsError({
    fn,
    argument: 'probabilities',
    index,
    expected: `(sample ${sample}, class ${cls}) ${expected}`,
    value,
  });
}
