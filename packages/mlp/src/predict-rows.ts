import {
  PREDICT_CHUNK_ROWS,
  predictDenseClasses,
  predictDenseProbabilities,
} from '@digitlab/tfjs-backend';
import { denseStack } from './layers-model.js';
import type { MlpWeights } from './mlp-parameters.js';

/** softmax(relu(XW1 + b1)W2 + b2) for row-major `features`, numRows × numClasses row-major. */
export function predictProbabilities(
  weights: MlpWeights,
  features: Float32Array,
  chunkRows = PREDICT_CHUNK_ROWS,
): Float32Array {
  return predictDenseProbabilities(denseStack(weights), features, chunkRows);
}

/** The most probable class of each row (the lowest on ties). */
export function predictClasses(
  weights: MlpWeights,
  features: Float32Array,
  chunkRows = PREDICT_CHUNK_ROWS,
): Int32Array {
  return predictDenseClasses(denseStack(weights), features, chunkRows);
}
