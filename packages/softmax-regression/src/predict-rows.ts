import {
  PREDICT_CHUNK_ROWS,
  predictDenseClasses,
  predictDenseProbabilities,
} from '@digitlab/tfjs-backend';
import { denseStack } from './layers-model.js';
import type { DenseWeights } from './parameters.js';

export { PREDICT_CHUNK_ROWS };

/** softmax(XW + b) for row-major `features`, numRows × numClasses row-major. */
export function predictProbabilities(weights: DenseWeights, features: Float32Array): Float32Array {
  return predictDenseProbabilities(denseStack(weights), features);
}

/** argmax of XW + b per row (the most probable class, the lowest on ties). */
export function predictClasses(weights: DenseWeights, features: Float32Array): Int32Array {
  return predictDenseClasses(denseStack(weights), features);
}
