import { ConformanceError } from './conformance-error.js';
import { describeValue } from './describe-value.js';

/** Check `predict` output: an Int32Array of n class indices in [0, k). */
export function checkPredictions(
  predictions: Int32Array,
  numSamples: number,
  numClasses: number,
): void {
  if (!(predictions instanceof Int32Array) || predictions.length !== numSamples) {
    throw new ConformanceError(
      'predict',
      `expected an Int32Array of ${numSamples} class indices, found ${describeValue(predictions)}`,
    );
  }
  for (let i = 0; i < numSamples; i++) {
    const c = predictions[i] as number;
    if (c < 0 || c >= numClasses) {
      throw new ConformanceError(
        'predict',
        `expected class indices in [0, ${numClasses}), found ${c} at row ${i}`,
      );
    }
  }
}

/**
 * Check that each prediction is a most probable class of its row of `predictProba` (any of them
 * when several tie, so a plugin may break ties its own way).
 */
export function checkArgmax(
  predictions: Int32Array,
  probabilities: Float32Array,
  numClasses: number,
  tolerance = 1e-6,
): void {
  for (let i = 0; i < predictions.length; i++) {
    let best = 0;
    for (let c = 1; c < numClasses; c++) {
      if (
        (probabilities[i * numClasses + c] as number) >
        (probabilities[i * numClasses + best] as number)
      )
        best = c;
    }
    const predicted = predictions[i] as number;
    const pPredicted = probabilities[i * numClasses + predicted] as number;
    const pBest = probabilities[i * numClasses + best] as number;
    if (!(pPredicted >= pBest - tolerance)) {
      throw new ConformanceError(
        'predict vs predictProba',
        `expected predict to give the argmax of predictProba, found class ${predicted} (p = ${pPredicted}) at row ${i} where class ${best} has p = ${pBest}`,
      );
    }
  }
}
