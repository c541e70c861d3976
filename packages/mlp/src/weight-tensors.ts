import * as tf from '@tensorflow/tfjs-core';
import type { MlpWeights } from './mlp-parameters.js';

/** The network's weights as tensors, uploaded once per evaluation and shared by its row blocks. */
export interface WeightTensors {
  readonly kernel1: tf.Tensor2D;
  readonly bias1: tf.Tensor1D;
  readonly kernel2: tf.Tensor2D;
  readonly bias2: tf.Tensor1D;
}

/** Run `use` with the weights as tensors, disposing them afterwards (also on error). */
export function withWeightTensors<T>(weights: MlpWeights, use: (t: WeightTensors) => T): T {
  const { numFeatures: d, hiddenUnits: h, numClasses: k } = weights;
  const t: WeightTensors = {
    kernel1: tf.tensor2d(weights.kernel1, [d, h]),
    bias1: tf.tensor1d(weights.bias1),
    kernel2: tf.tensor2d(weights.kernel2, [h, k]),
    bias2: tf.tensor1d(weights.bias2),
  };
  try {
    return use(t);
  } finally {
    tf.dispose([t.kernel1, t.bias1, t.kernel2, t.bias2]);
  }
}

/**
 * The forward pass of a block of rows: H = relu(XW1 + b1) and Z = HW2 + b2, each a single fused
 * kernel (matMul + bias + activation), because every kernel launch costs ~0.05–0.1 ms on wasm.
 */
export function forwardRows(
  t: WeightTensors,
  x: tf.Tensor2D,
): { hidden: tf.Tensor2D; logits: tf.Tensor2D } {
  const hidden = tf.fused.matMul({
    a: x,
    b: t.kernel1,
    bias: t.bias1,
    activation: 'relu',
  }) as tf.Tensor2D;
  const logits = tf.fused.matMul({ a: hidden, b: t.kernel2, bias: t.bias2 }) as tf.Tensor2D;
  return { hidden, logits };
}
