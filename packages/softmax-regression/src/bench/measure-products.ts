import { type BackendName, useBackend } from '@digitlab/tfjs-backend';
import * as tf from '@tensorflow/tfjs-core';
import { activeColumns, compactRows } from '../active-columns.js';
import type { ObjectiveData } from '../gradient-objective.js';
import { parameterCount } from '../parameters.js';
import { BLOCK_ROWS, SoftmaxKernel } from '../sparse/softmax-kernel.js';

/** Median milliseconds of each part of one gradient, by name. */
export type ProductTimes = Record<string, number>;

/** The middle of a set of timings (the upper middle for an even count). */
export function median(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function startingPoint(d: number, k: number): Float64Array {
  const x = new Float64Array(parameterCount(d, k));
  for (let i = 0; i < x.length; i++) x[i] = Math.sin(i) * 0.01;
  return x;
}

/**
 * The sparse kernel's three passes over a whole training set, timed apart: logits XW + b, softmax
 * (logits → residuals), and the scatter Xᵀ(P − Y), each summed over every block of one gradient.
 */
export function measureSparseParts(data: Omit<ObjectiveData, 'C'>, repeats: number): ProductTimes {
  const { numSamples: n, numFeatures: d, numClasses: k } = data;
  const kernel = SoftmaxKernel.fromMatrix(data.features, data.labels, n, d, k);
  kernel.setParameters(startingPoint(d, k));
  const parts = { logits: [] as number[], softmax: [] as number[], backward: [] as number[] };
  const scratch = new Float64Array(d * k + k);
  for (let r = 0; r < repeats + 2; r++) {
    let logits = 0;
    let softmax = 0;
    let backward = 0;
    for (let first = 0; first < n; first += BLOCK_ROWS) {
      const count = Math.min(BLOCK_ROWS, n - first);
      const t0 = performance.now();
      kernel.logits('all', first, count);
      const t1 = performance.now();
      kernel.softmax('all', first, count);
      const t2 = performance.now();
      kernel.accumulate('all', first, count);
      const t3 = performance.now();
      logits += t1 - t0;
      softmax += t2 - t1;
      backward += t3 - t2;
    }
    kernel.takeGradient(scratch);
    // The first two rounds warm up V8 and the caches.
    if (r < 2) continue;
    parts.logits.push(logits);
    parts.softmax.push(softmax);
    parts.backward.push(backward);
  }
  return {
    'XW + b': median(parts.logits),
    softmax: median(parts.softmax),
    'Xᵀ(P − Y)': median(parts.backward),
  };
}

/**
 * The dense layout's matrix products on a TensorFlow.js backend, timed apart (read back to JS, as
 * the objective does): X·W, and the backward product both ways it can be written, on a
 * pre-transposed copy Xᵀ·R and with transposeA, X·R.
 */
export async function measureDenseProducts(
  data: Omit<ObjectiveData, 'C'>,
  backend: BackendName,
  repeats: number,
): Promise<ProductTimes> {
  await useBackend(backend);
  const { numSamples: n, numFeatures: d, numClasses: k } = data;
  const active = activeColumns(data.features, n, d);
  const held = active ? compactRows(data.features, d, active, n) : data.features;
  const width = active?.length ?? d;
  const x = tf.tensor2d(held, [n, width]);
  const xT = tf.transpose(x);
  const w = tf.randomNormal([width, k], 0, 0.01, 'float32', 1) as tf.Tensor2D;
  const residual = tf.randomNormal([n, k], 0, 0.1, 'float32', 2) as tf.Tensor2D;
  const time = (product: () => tf.Tensor): number => {
    const times: number[] = [];
    for (let r = 0; r < repeats + 1; r++) {
      const start = performance.now();
      const out = product();
      out.dataSync();
      const elapsed = performance.now() - start;
      out.dispose();
      if (r > 0) times.push(elapsed);
    }
    return median(times);
  };
  try {
    return {
      X·W: time(() => tf.matMul(x, w)),
      'Xᵀ·R (transposed copy)': time(() => tf.matMul(xT, residual)),
      'X·R, transposeA': time(() => tf.matMul(x, residual, true, false)),
    };
  } finally {
    tf.dispose([x, xT, w, residual]);
  }
}
