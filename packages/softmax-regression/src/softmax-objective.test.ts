import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { gaussianBlobs, maxAbsDifference, seededRandom } from '@digitlab/core/testing';
import { finiteDifferenceGradient } from '@digitlab/optimizers';
import { useBackend } from '@digitlab/tfjs-backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DenseLayout, SoftmaxObjective } from './softmax-objective.js';
import { referenceObjective } from './test-support/reference-objective.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const data = gaussianBlobs({ perClass: 12, numClasses: 4, numFeatures: 5, seed: 3 });
const { numFeatures: d, numClasses: k, numSamples: n } = data;

function objectiveFor(C: number, layout: DenseLayout = 'transpose-a'): SoftmaxObjective {
  return SoftmaxObjective.create({ ...data, C, layout });
}

function randomPoint(seed: number, scale = 0.5): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: d * k + k }, () => (random() * 2 - 1) * scale);
}

describe('SoftmaxObjective', () => {
  it('is log(k) with zero parameters, where the penalty vanishes', () => {
    const objective = objectiveFor(1);
    const e = objective.evaluate(new Float64Array(d * k + k));
    objective.dispose();
    expect(e.value).toBeCloseTo(Math.log(k), 6);
  });

  it('matches a hand-computed one-sample, two-class case', async () => {
    // x = 2, label 0, W = [1, −1], b = [0.5, 0]: logits [2.5, −2], loss log(1 + e^−4.5),
    // penalty (1² + 1²)/(2·C·n) with C = 0.5 and n = 1.
    const objective = SoftmaxObjective.create({
      features: Float32Array.of(2),
      labels: Uint8Array.of(0),
      numSamples: 1,
      numFeatures: 1,
      numClasses: 2,
      C: 0.5,
      layout: 'transpose-a',
    });
    const e = objective.evaluate(Float64Array.of(1, -1, 0.5, 0));
    objective.dispose();
    const p1 = Math.exp(-2) / (Math.exp(2.5) + Math.exp(-2));
    expect(e.value).toBeCloseTo(Math.log(1 + Math.exp(-4.5)) + 2 / (2 * 0.5), 6);
    // dW = x·(p − y) + W/(C·n), db = p − y
    expect(e.gradient[0]).toBeCloseTo(2 * -p1 + 1 / 0.5, 5);
    expect(e.gradient[1]).toBeCloseTo(2 * p1 - 1 / 0.5, 5);
    expect(e.gradient[2]).toBeCloseTo(-p1, 6);
    expect(e.gradient[3]).toBeCloseTo(p1, 6);
    expect(e.correct).toBe(1);
  });

  it('has an analytic gradient that matches finite differences of the float64 reference', () => {
    const x = randomPoint(5);
    const reference = referenceObjective(data.features, data.labels, d, k, 0.7, x);
    const numeric = finiteDifferenceGradient(
      (p) => referenceObjective(data.features, data.labels, d, k, 0.7, p).value,
      x,
    );
    expect(maxAbsDifference(reference.gradient, numeric)).toBeLessThan(1e-7);
  });

  for (const layout of ['transpose-a', 'transposed-copy'] as const) {
    it(`agrees with the float64 reference in value and gradient (${layout})`, () => {
      const objective = objectiveFor(0.7, layout);
      for (const seed of [5, 6, 7]) {
        const x = randomPoint(seed, 2);
        const e = objective.evaluate(x);
        const reference = referenceObjective(data.features, data.labels, d, k, 0.7, x);
        expect(Math.abs(e.value - reference.value)).toBeLessThan(
          2e-6 * Math.max(1, reference.value),
        );
        expect(maxAbsDifference(e.gradient, reference.gradient)).toBeLessThan(1e-5);
      }
      objective.dispose();
    });
  }

  it('agrees with tf.grad of a straightforward TensorFlow.js loss', () => {
    const C = 2;
    const x = randomPoint(8, 1);
    const X = tf.tensor2d(data.features, [n, d]);
    const Y = tf.tidy(() =>
      tf.cast(tf.oneHot(tf.tensor1d(Int32Array.from(data.labels), 'int32'), k), 'float32'),
    );
    const loss = (kernel: tf.Tensor, bias: tf.Tensor): tf.Scalar => {
      const logits = tf.add(tf.matMul(X, kernel as tf.Tensor2D), bias);
      const crossEntropy = tf.neg(tf.mean(tf.sum(tf.mul(Y, tf.logSoftmax(logits)), 1)));
      return tf.add(crossEntropy, tf.div(tf.sum(tf.square(kernel)), 2 * C * n)) as tf.Scalar;
    };
    const kernel = tf.tensor2d(new Float32Array(x.subarray(0, d * k)), [d, k]);
    const bias = tf.tensor1d(new Float32Array(x.subarray(d * k)));
    const [gKernel, gBias] = tf.grads(loss)([kernel, bias]) as [tf.Tensor, tf.Tensor];
    const value = loss(kernel, bias);
    const expected = Float64Array.from([...gKernel.dataSync(), ...gBias.dataSync()]);
    const objective = objectiveFor(C);
    const e = objective.evaluate(x);
    objective.dispose();
    expect(e.value).toBeCloseTo(value.dataSync()[0] as number, 5);
    expect(maxAbsDifference(e.gradient, expected)).toBeLessThan(1e-5);
    tf.dispose([X, Y, kernel, bias, gKernel, gBias, value]);
  });

  it('stays finite with huge logits (log-sum-exp)', () => {
    const objective = objectiveFor(1);
    const x = randomPoint(9, 400);
    const e = objective.evaluate(x);
    objective.dispose();
    expect(Number.isFinite(e.value)).toBe(true);
    expect(e.gradient.every(Number.isFinite)).toBe(true);
    const reference = referenceObjective(data.features, data.labels, d, k, 1, x);
    expect(Math.abs(e.value - reference.value) / reference.value).toBeLessThan(1e-5);
  });

  it('counts the samples whose largest logit is their label', () => {
    const objective = objectiveFor(1);
    const x = randomPoint(10, 1);
    let correct = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestLogit = -Infinity;
      for (let c = 0; c < k; c++) {
        let z = x[d * k + c] as number;
        for (let j = 0; j < d; j++)
          z += (data.features[i * d + j] as number) * (x[j * k + c] as number);
        if (z > bestLogit) {
          bestLogit = z;
          best = c;
        }
      }
      if (best === data.labels[i]) correct++;
    }
    expect(objective.evaluate(x).correct).toBe(correct);
    expect(objective.accuracy(x)).toBeCloseTo(correct / n, 12);
    objective.dispose();
  });

  for (const layout of ['transpose-a', 'transposed-copy'] as const) {
    it(`evaluates a mini-batch as the mean over its rows plus the full-data penalty (${layout})`, () => {
      const objective = objectiveFor(0.5, layout);
      const batch = Uint32Array.of(3, 17, 4, 40, 22);
      const x = randomPoint(11, 1);
      const e = objective.evaluateBatch(x, batch);
      objective.dispose();
      const rows = Array.from(batch);
      const features = rows.flatMap((i) => Array.from(data.features.subarray(i * d, (i + 1) * d)));
      const labels = rows.map((i) => data.labels[i] as number);
      const reference = referenceObjective(features, labels, d, k, 0.5, x, n);
      expect(e.value).toBeCloseTo(reference.value, 5);
      expect(maxAbsDifference(e.gradient, reference.gradient)).toBeLessThan(1e-5);
    });
  }

  it('leaves no tensors behind and refuses use after dispose', () => {
    const before = tf.memory().numTensors;
    const objective = objectiveFor(1, 'transposed-copy');
    objective.evaluate(randomPoint(1));
    objective.evaluateBatch(randomPoint(2), Uint32Array.of(0, 1));
    objective.accuracy(randomPoint(3));
    objective.dispose();
    objective.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => objective.evaluate(randomPoint(1))).toThrow(
      /SoftmaxObjective.evaluate: expected live training tensors, found them released by dispose\(\)/,
    );
  });

  it('skips always-zero columns without changing value or gradient (full batch and mini-batch)', () => {
    // Blank out features 1 and 3 everywhere, as MNIST's border pixels are.
    const features = Float32Array.from(data.features);
    for (let i = 0; i < n; i++) {
      features[i * d + 1] = 0;
      features[i * d + 3] = 0;
    }
    const blanked = { ...data, features };
    for (const layout of ['transpose-a', 'transposed-copy'] as const) {
      const objective = SoftmaxObjective.create({ ...blanked, C: 0.7, layout });
      const x = randomPoint(8, 1);
      const e = objective.evaluate(x);
      const reference = referenceObjective(features, data.labels, d, k, 0.7, x);
      expect(Math.abs(e.value - reference.value)).toBeLessThan(2e-6 * Math.max(1, reference.value));
      expect(maxAbsDifference(e.gradient, reference.gradient)).toBeLessThan(2e-6);
      // The blank features' kernel rows get only the penalty term W/(C·n).
      for (const j of [1, 3]) {
        for (let c = 0; c < k; c++) {
          expect(e.gradient[j * k + c]).toBeCloseTo((x[j * k + c] as number) / (0.7 * n), 12);
        }
      }
      const batch = Uint32Array.of(4, 0, 9, 17);
      const rows = new Float32Array(batch.length * d);
      for (const [r, i] of batch.entries()) rows.set(features.subarray(i * d, (i + 1) * d), r * d);
      const batchReference = referenceObjective(
        rows,
        Uint8Array.from(batch, (i) => data.labels[i] as number),
        d,
        k,
        0.7 * (n / batch.length),
        x,
      );
      const b = objective.evaluateBatch(x, batch);
      expect(Math.abs(b.value - batchReference.value)).toBeLessThan(
        2e-6 * Math.max(1, batchReference.value),
      );
      expect(maxAbsDifference(b.gradient, batchReference.gradient)).toBeLessThan(2e-6);
      objective.dispose();
    }
  });
});
