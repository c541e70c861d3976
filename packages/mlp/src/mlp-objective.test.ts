import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { maxAbsDifference } from '@digitlab/core/testing';
import { seededRandom } from '@digitlab/datasets';
import { finiteDifferenceGradient } from '@digitlab/optimizers';
import { useBackend } from '@digitlab/tfjs-backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { glorotUniformParameters } from './glorot-uniform.js';
import { MlpObjective } from './mlp-objective.js';
import { parameterOffsets } from './mlp-parameters.js';
import { referenceLoss } from './test-support/reference-mlp.js';

beforeAll(async () => {
  await useBackend('cpu');
});

interface Problem {
  shape: { numFeatures: number; hiddenUnits: number; numClasses: number };
  features: Float32Array;
  labels: Uint8Array;
  x: Float64Array;
}

function problem(d: number, h: number, k: number, n: number, seed: number): Problem {
  const random = seededRandom(seed);
  const shape = { numFeatures: d, hiddenUnits: h, numClasses: k };
  return {
    shape,
    features: Float32Array.from({ length: n * d }, () => random() * 2 - 1),
    labels: Uint8Array.from({ length: n }, (_, i) => i % k),
    // Larger than the default init so the outputs are far from uniform and every term matters.
    x: Float64Array.from(glorotUniformParameters(shape, seed), (v) => v * 3),
  };
}

function objective(p: Problem, alpha: number, chunkRows?: number): MlpObjective {
  return new MlpObjective({
    ...p.shape,
    features: p.features,
    labels: p.labels,
    numSamples: p.labels.length,
    alpha,
    ...(chunkRows === undefined ? {} : { chunkRows }),
  });
}

/** Hidden pre-activations of the reference network, to check the data exercises the ReLU mask. */
function preActivations(p: Problem): number[] {
  const { numFeatures: d, hiddenUnits: h } = p.shape;
  const out: number[] = [];
  for (let i = 0; i < p.labels.length; i++) {
    for (let j = 0; j < h; j++) {
      let z = p.x[d * h + j] as number;
      for (let f = 0; f < d; f++)
        z += (p.features[i * d + f] as number) * (p.x[f * h + j] as number);
      out.push(z);
    }
  }
  return out;
}

describe('MlpObjective on a tiny network (d=4, h=3, k=3, 12 samples)', () => {
  const p = problem(4, 3, 3, 12, 11);
  const alpha = 0.5;

  it('exercises both sides of the ReLU, away from the kink', () => {
    const z = preActivations(p);
    expect(z.some((v) => v > 0)).toBe(true);
    expect(z.some((v) => v < 0)).toBe(true);
    expect(Math.min(...z.map(Math.abs))).toBeGreaterThan(1e-4);
  });

  it('computes the float64 reference loss', () => {
    const e = objective(p, alpha).evaluate(p.x);
    const reference = referenceLoss(p.features, p.labels, p.shape, alpha, p.x);
    expect(Math.abs(e.value - reference)).toBeLessThan(1e-6 * Math.max(1, reference));
  });

  it('has the gradient of float64 central finite differences, every coordinate', () => {
    const e = objective(p, alpha).evaluate(p.x);
    const fd = finiteDifferenceGradient(
      (x) => referenceLoss(p.features, p.labels, p.shape, alpha, x),
      p.x,
    );
    expect(maxAbsDifference(e.gradient, fd)).toBeLessThan(2e-6);
    // Not a vacuous match: the gradient is far from zero.
    expect(Math.max(...Array.from(fd, Math.abs))).toBeGreaterThan(0.1);
  });

  it('penalizes the kernels by alpha·W/n and leaves the biases alone', () => {
    const withPenalty = objective(p, alpha).evaluate(p.x).gradient;
    const without = objective(p, 0).evaluate(p.x).gradient;
    const o = parameterOffsets(p.shape);
    const n = p.labels.length;
    for (let i = 0; i < o.length; i++) {
      const kernel = i < o.bias1 || (i >= o.kernel2 && i < o.bias2);
      const expected = kernel ? ((p.x[i] as number) * alpha) / n : 0;
      expect((withPenalty[i] as number) - (without[i] as number)).toBeCloseTo(expected, 6);
    }
  });

  it('on a mini-batch is the reference loss of those rows, penalty divided by the batch size', () => {
    const batch = Uint32Array.of(3, 7, 0, 10, 5);
    const e = objective(p, alpha).evaluateBatch(p.x, batch);
    const d = p.shape.numFeatures;
    const rows = new Float64Array(batch.length * d);
    const labels = new Uint8Array(batch.length);
    batch.forEach((i, r) => {
      rows.set(p.features.subarray(i * d, (i + 1) * d), r * d);
      labels[r] = p.labels[i] as number;
    });
    const f = (x: Float64Array) => referenceLoss(rows, labels, p.shape, alpha, x);
    expect(e.value).toBeCloseTo(f(p.x), 6);
    expect(maxAbsDifference(e.gradient, finiteDifferenceGradient(f, p.x))).toBeLessThan(2e-6);
  });
});

describe('MlpObjective against tf.grad of a plain tfjs implementation', () => {
  it('matches value and gradient (d=20, h=16, k=5, 50 samples)', () => {
    const p = problem(20, 16, 5, 50, 3);
    const alpha = 0.2;
    const { numFeatures: d, hiddenUnits: h, numClasses: k } = p.shape;
    const n = p.labels.length;
    const o = parameterOffsets(p.shape);
    const gradient = new Float64Array(o.length);
    let value = Number.NaN;
    tf.tidy(() => {
      const x = tf.tensor2d(p.features, [n, d]);
      const y = tf.cast(tf.oneHot(tf.tensor1d(p.labels, 'int32'), k), 'float32');
      const slice = (from: number, to: number) => new Float32Array(p.x.subarray(from, to));
      const w1 = tf.tensor2d(slice(o.kernel1, o.bias1), [d, h]);
      const b1 = tf.tensor1d(slice(o.bias1, o.kernel2));
      const w2 = tf.tensor2d(slice(o.kernel2, o.bias2), [h, k]);
      const b2 = tf.tensor1d(slice(o.bias2, o.length));
      const loss = (...[a, b, c, e]: tf.Tensor[]) => {
        const logits = tf.add(
          tf.matMul(
            tf.relu(tf.add(tf.matMul(x, a as tf.Tensor2D), b as tf.Tensor)),
            c as tf.Tensor2D,
          ),
          e as tf.Tensor,
        );
        const crossEntropy = tf.mean(tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, y), 1)));
        const penalty = tf.mul(
          alpha / (2 * n),
          tf.add(tf.sum(tf.square(a as tf.Tensor)), tf.sum(tf.square(c as tf.Tensor))),
        );
        return tf.add(crossEntropy, penalty) as tf.Scalar;
      };
      const result = tf.valueAndGrads(loss)([w1, b1, w2, b2]);
      let offset = 0;
      for (const g of result.grads) {
        gradient.set(g.dataSync(), offset);
        offset += g.size;
      }
      value = result.value.dataSync()[0] as number;
    });
    const e = objective(p, alpha).evaluate(p.x);
    expect(e.value).toBeCloseTo(value, 5);
    expect(maxAbsDifference(e.gradient, gradient)).toBeLessThan(1e-5);
  });
});

describe('MlpObjective bookkeeping', () => {
  const p = problem(6, 5, 4, 37, 9);

  it('gives the same full-batch result whatever the block size', () => {
    const whole = objective(p, 0.1).evaluate(p.x);
    for (const chunkRows of [1, 5, 36]) {
      const chunked = objective(p, 0.1, chunkRows).evaluate(p.x);
      expect(chunked.value).toBeCloseTo(whole.value, 6);
      expect(maxAbsDifference(chunked.gradient, whole.gradient)).toBeLessThan(1e-6);
      expect(chunked.correct).toBe(whole.correct);
    }
  });

  it('counts correct rows consistently between the forward pass and the gradient pass', () => {
    const o = objective(p, 0.1, 10);
    expect(o.countCorrect(p.x)).toBe(o.evaluate(p.x).correct);
    const all = Uint32Array.from({ length: 37 }, (_, i) => i);
    expect(o.evaluateBatch(p.x, all).correct).toBe(o.evaluate(p.x).correct);
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    const o = objective(p, 0.1, 10);
    o.evaluate(p.x);
    o.evaluateBatch(p.x, Uint32Array.of(1, 2, 3));
    o.countCorrect(p.x);
    expect(tf.memory().numTensors).toBe(before);
  });
});
