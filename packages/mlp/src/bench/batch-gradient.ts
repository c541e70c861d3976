/**
 * Times one mini-batch gradient at MNIST's shapes (d = 784, h = 128, k = 10) on each backend, and
 * the three ways to form dW1 = XᵀdZ1 on the batch, which is what the layout in MlpObjective rests on.
 *
 *   node dist/bench/batch-gradient.js [--batch 200] [--repeats 100]
 */
import { parseArgs } from 'node:util';
import { seededRandom } from '@digitlab/datasets';
import { BACKENDS, useBackend } from '@digitlab/tfjs-backend';
import * as tf from '@tensorflow/tfjs-core';
import { glorotUniformParameters } from '../glorot-uniform.js';
import { MlpObjective } from '../mlp-objective.js';

const { values } = parseArgs({
  options: {
    batch: { type: 'string', default: '200' },
    repeats: { type: 'string', default: '100' },
  },
});
const batchSize = Number(values.batch);
const repeats = Number(values.repeats);
const shape = { numFeatures: 784, hiddenUnits: 128, numClasses: 10 };
const { numFeatures: d, hiddenUnits: h } = shape;
const n = 2000;
const random = seededRandom(1);
const features = Float32Array.from({ length: n * d }, () => random());
const labels = Uint8Array.from({ length: n }, (_, i) => i % shape.numClasses);
const hiddenGradient = Float32Array.from({ length: batchSize * h }, () => random() - 0.5);
const x = glorotUniformParameters(shape, 0);
const batch = Uint32Array.from({ length: batchSize }, (_, i) => (i * 7919) % n);
const objective = new MlpObjective({ ...shape, features, labels, numSamples: n, alpha: 1e-4 });

/** Best mean over 3 rounds of `calls` calls, in ms. */
function time(run: () => void, calls: number): number {
  for (let i = 0; i < 3; i++) run();
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) run();
    best = Math.min(best, (performance.now() - start) / calls);
  }
  return best;
}

console.log(`batch ${batchSize}, d ${d}, h ${h}, k ${shape.numClasses}; best of 3 rounds`);
for (const backend of BACKENDS) {
  await useBackend(backend);
  // The cpu backend is ~10× slower; fewer calls keep the bench short.
  const calls = backend === 'cpu' ? Math.max(3, Math.round(repeats / 10)) : repeats;
  const step = time(() => objective.evaluateBatch(x, batch), calls);
  const epochSeconds = (step * 60_000) / batchSize / 1000;
  console.log(
    `${backend}: evaluateBatch ${step.toFixed(2)} ms (≈ ${epochSeconds.toFixed(1)} s per 60,000-sample epoch)`,
  );
  const rows = tf.tensor2d(features.subarray(0, batchSize * d), [batchSize, d]);
  const dz = tf.tensor2d(hiddenGradient, [batchSize, h]);
  const dzT = tf.transpose(dz);
  const layouts: Record<string, () => tf.Tensor> = {
    'transpose(X), then matMul(Xᵀ, dZ1)': () => tf.tidy(() => tf.matMul(tf.transpose(rows), dz)),
    'matMul(X, dZ1, transposeA)': () => tf.matMul(rows, dz, true, false),
    'matMul(dZ1ᵀ, X), transposed back': () => tf.tidy(() => tf.transpose(tf.matMul(dzT, rows))),
  };
  for (const [name, run] of Object.entries(layouts)) {
    const ms = time(() => {
      const product = run();
      product.dataSync();
      product.dispose();
    }, calls);
    console.log(`  dW1 by ${name}: ${ms.toFixed(2)} ms`);
  }
  tf.dispose([rows, dz, dzT]);
}
