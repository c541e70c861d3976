import * as tf from '@tensorflow/tfjs-core';
import type { MlpWeights } from './mlp-parameters.js';
import { argmaxRows, softmaxRows } from './softmax-rows.js';
import { forwardRows, withWeightTensors } from './weight-tensors.js';

/** Rows per forward pass, so a huge input never needs one huge activation tensor. */
export const PREDICT_CHUNK_ROWS = 10_000;

/** softmax(relu(XW1 + b1)W2 + b2) for row-major `features`, numRows × numClasses row-major. */
export function predictProbabilities(
  weights: MlpWeights,
  features: Float32Array,
  chunkRows = PREDICT_CHUNK_ROWS,
): Float32Array {
  const k = weights.numClasses;
  const out = new Float32Array((features.length / weights.numFeatures) * k);
  forEachLogitChunk(weights, features, chunkRows, (logits, firstRow, rows) => {
    softmaxRows(logits, k, out.subarray(firstRow * k, (firstRow + rows) * k));
  });
  return out;
}

/** The most probable class of each row (the lowest on ties). */
export function predictClasses(
  weights: MlpWeights,
  features: Float32Array,
  chunkRows = PREDICT_CHUNK_ROWS,
): Int32Array {
  const out = new Int32Array(features.length / weights.numFeatures);
  forEachLogitChunk(weights, features, chunkRows, (logits, firstRow, rows) => {
    argmaxRows(logits, weights.numClasses, out.subarray(firstRow, firstRow + rows));
  });
  return out;
}

function forEachLogitChunk(
  weights: MlpWeights,
  features: Float32Array,
  chunkRows: number,
  use: (logits: ArrayLike<number>, firstRow: number, rows: number) => void,
): void {
  const d = weights.numFeatures;
  const total = features.length / d;
  withWeightTensors(weights, (t) => {
    for (let first = 0; first < total; first += chunkRows) {
      const rows = Math.min(chunkRows, total - first);
      tf.tidy(() => {
        const x = tf.tensor2d(features.subarray(first * d, (first + rows) * d), [rows, d]);
        use(forwardRows(t, x).logits.dataSync(), first, rows);
      });
    }
  });
}
