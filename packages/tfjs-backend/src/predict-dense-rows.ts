import * as tf from '@tensorflow/tfjs-core';
import type { DenseStack } from './dense-stack.js';
import { argmaxRows, softmaxRows } from './softmax-rows.js';

/** Rows per forward pass, so a huge input never needs one huge activation tensor. */
export const PREDICT_CHUNK_ROWS = 10_000;

/** Activations a hidden layer may have (each is one fused kernel with the matMul and bias). */
const HIDDEN_ACTIVATIONS = ['relu', 'linear'] as const;
type HiddenActivation = (typeof HIDDEN_ACTIVATIONS)[number];

/**
 * The output of a Dense stack whose last layer is softmax, for row-major `features`
 * (numRows × inputSize): numRows × units of the last layer, row-major.
 */
export function predictDenseProbabilities(
  stack: DenseStack,
  features: Float32Array,
  chunkRows = PREDICT_CHUNK_ROWS,
): Float32Array {
  const k = outputUnits(stack);
  const out = new Float32Array((features.length / stack.inputSize) * k);
  forEachLogitChunk(stack, features, chunkRows, (logits, firstRow, rows) => {
    softmaxRows(logits, k, out.subarray(firstRow * k, (firstRow + rows) * k));
  });
  return out;
}

/** The most probable class of each row of `features` under a Dense stack (the lowest on ties). */
export function predictDenseClasses(
  stack: DenseStack,
  features: Float32Array,
  chunkRows = PREDICT_CHUNK_ROWS,
): Int32Array {
  const k = outputUnits(stack);
  const out = new Int32Array(features.length / stack.inputSize);
  forEachLogitChunk(stack, features, chunkRows, (logits, firstRow, rows) => {
    argmaxRows(logits, k, out.subarray(firstRow, firstRow + rows));
  });
  return out;
}

function outputUnits(stack: DenseStack): number {
  const layers = stack.layers;
  const last = layers.at(-1);
  if (last?.activation !== 'softmax') {
    throw new RangeError(
      `predictDense: expected a last layer with activation 'softmax', found ${last ? `'${last.activation}'` : 'no layers'}`,
    );
  }
  let inputs = stack.inputSize;
  layers.forEach((layer, i) => {
    if (
      i < layers.length - 1 &&
      !HIDDEN_ACTIVATIONS.includes(layer.activation as HiddenActivation)
    ) {
      throw new RangeError(
        `predictDense: expected hidden layer ${i + 1} to have activation ${HIDDEN_ACTIVATIONS.map((a) => `'${a}'`).join(' or ')}, found '${layer.activation}'`,
      );
    }
    if (layer.kernel.length !== inputs * layer.units || layer.bias.length !== layer.units) {
      throw new RangeError(
        `predictDense: expected layer ${i + 1} to have a ${inputs}×${layer.units} kernel and ${layer.units} biases, found ${layer.kernel.length} and ${layer.bias.length} values`,
      );
    }
    inputs = layer.units;
  });
  return last.units;
}

/**
 * Runs the stack over `features` in chunks of rows and hands each chunk's output-layer logits
 * (before softmax) to `use`. The weights are uploaded once; every layer is one fused kernel
 * (matMul + bias + activation), because every kernel launch costs ~0.05–0.1 ms on wasm.
 */
function forEachLogitChunk(
  stack: DenseStack,
  features: Float32Array,
  chunkRows: number,
  use: (logits: ArrayLike<number>, firstRow: number, rows: number) => void,
): void {
  const d = stack.inputSize;
  const total = features.length / d;
  let inputs = d;
  const weights = stack.layers.map((layer) => {
    const kernel = tf.tensor2d(layer.kernel, [inputs, layer.units]);
    inputs = layer.units;
    return { kernel, bias: tf.tensor1d(layer.bias), activation: layer.activation };
  });
  try {
    for (let first = 0; first < total; first += chunkRows) {
      const rows = Math.min(chunkRows, total - first);
      tf.tidy(() => {
        let a = tf.tensor2d(features.subarray(first * d, (first + rows) * d), [rows, d]);
        weights.forEach((w, i) => {
          const hidden = i < weights.length - 1;
          a = tf.fused.matMul({
            a,
            b: w.kernel,
            bias: w.bias,
            ...(hidden ? { activation: w.activation as HiddenActivation } : {}),
          }) as tf.Tensor2D;
        });
        use(a.dataSync(), first, rows);
      });
    }
  } finally {
    tf.dispose(weights.flatMap((w) => [w.kernel, w.bias]));
  }
}
