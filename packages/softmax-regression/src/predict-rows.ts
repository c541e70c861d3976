import * as tf from '@tensorflow/tfjs-core';
import type { DenseWeights } from './parameters.js';

/** Rows per forward pass, so a huge input never needs one huge logits tensor. */
export const PREDICT_CHUNK_ROWS = 10_000;

/** softmax(XW + b) for row-major `features`, numRows × numClasses row-major. */
export function predictProbabilities(weights: DenseWeights, features: Float32Array): Float32Array {
  const out = new Float32Array((features.length / weights.numFeatures) * weights.numClasses);
  forEachChunk(weights, features, (logits, firstRow) => {
    const probabilities = tf.softmax(logits);
    out.set(probabilities.dataSync() as Float32Array, firstRow * weights.numClasses);
  });
  return out;
}

/** argmax of XW + b per row (the most probable class). */
export function predictClasses(weights: DenseWeights, features: Float32Array): Int32Array {
  const out = new Int32Array(features.length / weights.numFeatures);
  forEachChunk(weights, features, (logits, firstRow) => {
    out.set(tf.argMax(logits, 1).dataSync() as Int32Array, firstRow);
  });
  return out;
}

function forEachChunk(
  weights: DenseWeights,
  features: Float32Array,
  use: (logits: tf.Tensor2D, firstRow: number) => void,
): void {
  const { numFeatures: d, numClasses: k } = weights;
  const rows = features.length / d;
  const kernel = tf.tensor2d(weights.kernel, [d, k]);
  const bias = tf.tensor1d(weights.bias);
  try {
    for (let first = 0; first < rows; first += PREDICT_CHUNK_ROWS) {
      const count = Math.min(PREDICT_CHUNK_ROWS, rows - first);
      tf.tidy(() => {
        const x = tf.tensor2d(features.subarray(first * d, (first + count) * d), [count, d]);
        use(tf.add(tf.matMul(x, kernel), bias), first);
      });
    }
  } finally {
    tf.dispose([kernel, bias]);
  }
}
