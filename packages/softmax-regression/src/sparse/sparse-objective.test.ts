import { fitToEnd } from '@digitlab/core';
import { gaussianBlobs, maxAbsDifference, seededRandom } from '@digitlab/core/testing';
import { finiteDifferenceGradient } from '@digitlab/optimizers';
import { describe, expect, it } from 'vitest';
import { softmaxRegression } from '../plugin.js';
import { referenceObjective } from '../test-support/reference-objective.js';
import { expectSameSolution } from '../test-support/same-solution.js';
import { BLOCK_ROWS } from './softmax-kernel.js';
import { SparseSoftmaxObjective } from './sparse-objective.js';

/** Gaussian blobs with about 70 % of the features zeroed (MNIST has 81 %), seeded. */
function sparseBlobs(options: { perClass: number; numClasses: number; numFeatures: number }) {
  const data = gaussianBlobs({ ...options, seed: 21 });
  const random = seededRandom(22);
  const features = data.features.map((v) => (random() < 0.7 ? 0 : v));
  return { ...data, features };
}

function randomPoint(length: number, seed: number, scale: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length }, () => (random() * 2 - 1) * scale);
}

describe('SparseSoftmaxObjective', () => {
  // 150 rows per class × k: several blocks of BLOCK_ROWS with a ragged last one.
  it.each([2, 4, 10, 13])(
    'agrees with the float64 reference in value, gradient and correct count (k = %i)',
    (k) => {
      const data = sparseBlobs({ perClass: 150, numClasses: k, numFeatures: 9 });
      const { numSamples: n, numFeatures: d } = data;
      expect(n).toBeGreaterThan(BLOCK_ROWS);
      const objective = SparseSoftmaxObjective.create({ ...data, C: 0.7 });
      expect(objective.density).toBeGreaterThan(0.2);
      expect(objective.density).toBeLessThan(0.4);
      for (const seed of [1, 2]) {
        const x = randomPoint(d * k + k, seed, 1.5);
        const e = objective.evaluate(x);
        const reference = referenceObjective(data.features, data.labels, d, k, 0.7, x);
        expect(Math.abs(e.value - reference.value)).toBeLessThan(
          2e-6 * Math.max(1, reference.value),
        );
        expect(maxAbsDifference(e.gradient, reference.gradient)).toBeLessThan(2e-6);
        let correct = 0;
        for (let i = 0; i < n; i++) {
          const logits = Array.from({ length: k }, (_, c) => {
            let z = x[d * k + c] as number;
            for (let j = 0; j < d; j++)
              z += (data.features[i * d + j] as number) * (x[j * k + c] as number);
            return z;
          });
          if (logits.indexOf(Math.max(...logits)) === data.labels[i]) correct++;
        }
        expect(e.correct).toBe(correct);
        expect(objective.accuracy(x)).toBeCloseTo(correct / n, 12);
      }
      objective.dispose();
    },
  );

  it('has the gradient of its own value (finite differences)', () => {
    const data = sparseBlobs({ perClass: 20, numClasses: 3, numFeatures: 4 });
    const objective = SparseSoftmaxObjective.create({ ...data, C: 2 });
    const x = randomPoint(15, 3, 0.5);
    // The value is float32 inside, so differences need a larger step than in float64.
    const numeric = finiteDifferenceGradient((p) => objective.evaluate(p).value, x, 1e-3);
    expect(maxAbsDifference(objective.evaluate(x).gradient, numeric)).toBeLessThan(2e-4);
    objective.dispose();
  });

  it('evaluates a mini-batch as the mean over its rows plus the full-data penalty', () => {
    const data = sparseBlobs({ perClass: 30, numClasses: 10, numFeatures: 6 });
    const { numSamples: n, numFeatures: d } = data;
    const objective = SparseSoftmaxObjective.create({ ...data, C: 0.5 });
    const batch = Uint32Array.of(3, 17, 4, 299, 22, 3);
    const x = randomPoint(d * 10 + 10, 4, 1);
    const e = objective.evaluateBatch(x, batch);
    const rows = Array.from(batch);
    const features = rows.flatMap((i) => Array.from(data.features.subarray(i * d, (i + 1) * d)));
    const labels = rows.map((i) => data.labels[i] as number);
    const reference = referenceObjective(features, labels, d, 10, 0.5, x, n);
    expect(Math.abs(e.value - reference.value)).toBeLessThan(2e-6);
    expect(maxAbsDifference(e.gradient, reference.gradient)).toBeLessThan(2e-6);
    // A full-batch evaluation afterwards is unaffected by the staged batch.
    const full = referenceObjective(data.features, data.labels, d, 10, 0.5, x);
    expect(maxAbsDifference(objective.evaluate(x).gradient, full.gradient)).toBeLessThan(2e-6);
    objective.dispose();
  });

  it('stays finite with huge logits (log-sum-exp)', () => {
    const data = sparseBlobs({ perClass: 10, numClasses: 10, numFeatures: 5 });
    const objective = SparseSoftmaxObjective.create({ ...data, C: 1 });
    const x = randomPoint(60, 9, 400);
    const e = objective.evaluate(x);
    expect(Number.isFinite(e.value)).toBe(true);
    expect(e.gradient.every(Number.isFinite)).toBe(true);
    const reference = referenceObjective(data.features, data.labels, 5, 10, 1, x);
    expect(Math.abs(e.value - reference.value) / reference.value).toBeLessThan(1e-5);
    objective.dispose();
  });

  it('refuses use after dispose, naming the operation', () => {
    const data = sparseBlobs({ perClass: 5, numClasses: 2, numFeatures: 3 });
    const objective = SparseSoftmaxObjective.create({ ...data, C: 1 });
    objective.dispose();
    objective.dispose();
    expect(() => objective.evaluate(new Float64Array(8))).toThrow(
      /SparseSoftmaxObjective.sums: expected a live training set, found it released by dispose\(\)/,
    );
    expect(() => objective.evaluateBatch(new Float64Array(8), Uint32Array.of(0))).toThrow(
      /evaluateBatch: expected a live training set/,
    );
  });
});

describe('softmax regression on compressed rows', () => {
  const train = sparseBlobs({ perClass: 100, numClasses: 4, numFeatures: 12 });

  it('reaches the same solution as the dense layout, and says which layout it used', async () => {
    const plugin = softmaxRegression();
    const trainWith = async (layout: 'sparse' | 'dense') => {
      const classifier = plugin.create(
        plugin.options.parse({ layout, backend: 'cpu', workers: 0, maxIter: 200 }),
      );
      let description = '';
      for await (const e of classifier.fit(train))
        if (e.type === 'start') description = e.description;
      return { classifier, description };
    };
    const sparse = await trainWith('sparse');
    const dense = await trainWith('dense');
    expect(sparse.description).toMatch(
      /on compressed rows \(\d+% nonzero\) in the WebAssembly SIMD kernel/,
    );
    expect(dense.description).toMatch(/on dense tensors on the cpu backend/);
    expect(
      maxAbsDifference(sparse.classifier.coefficients(), dense.classifier.coefficients()),
    ).toBeLessThan(2e-3);
    const predictions = await sparse.classifier.predict(train.features);
    const densePredictions = await dense.classifier.predict(train.features);
    let agree = 0;
    for (let i = 0; i < predictions.length; i++)
      if (predictions[i] === densePredictions[i]) agree++;
    expect(agree / predictions.length).toBeGreaterThan(0.99);
  });

  it('says what layout auto chose in the start event, and nothing when the layout was explicit', async () => {
    const plugin = softmaxRegression();
    const startNotes = async (layout: 'auto' | 'sparse') => {
      const classifier = plugin.create(
        plugin.options.parse({ layout, backend: 'cpu', workers: 0, maxIter: 2 }),
      );
      for await (const e of classifier.fit(train)) if (e.type === 'start') return e.notes ?? [];
      return [];
    };
    expect(await startNotes('auto')).toEqual([
      expect.stringMatching(/^layout auto: compressed rows, (29|30|31)% nonzero$/),
    ]);
    expect(await startNotes('sparse')).toEqual([]);
  });

  it('takes the same Adam steps on mini-batches as the dense layout', async () => {
    const plugin = softmaxRegression();
    const trainWith = async (layout: 'sparse' | 'dense') => {
      const classifier = plugin.create(
        plugin.options.parse({
          layout,
          backend: 'cpu',
          solver: 'adam',
          epochs: 5,
          learningRate: 0.05,
          batchSize: 32,
        }),
      );
      return { classifier, result: await fitToEnd(classifier.fit(train)) };
    };
    const sparse = await trainWith('sparse');
    const dense = await trainWith('dense');
    expect(sparse.result.steps).toBe(5);
    expectSameSolution(sparse, dense, { objective: 1e-4, coefficients: 1e-3 });
  });
});
