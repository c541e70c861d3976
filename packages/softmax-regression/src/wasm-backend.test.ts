import { fitToEnd } from '@digitlab/core';
import { gaussianBlobs, maxAbsDifference, seededRandom } from '@digitlab/core/testing';
import { useBackend } from '@digitlab/tfjs-backend';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { softmaxRegression } from './node/plugin.js';
import { SoftmaxObjective } from './softmax-objective.js';
import { referenceObjective } from './test-support/reference-objective.js';
import { expectSameSolution } from './test-support/same-solution.js';

describe('the wasm backend', () => {
  it('initializes from the installed package and computes the same objective as the reference', async () => {
    await useBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const data = gaussianBlobs({ perClass: 20, numClasses: 3, numFeatures: 6, seed: 4 });
    const random = seededRandom(2);
    const x = Float64Array.from({ length: 6 * 3 + 3 }, () => random() - 0.5);
    const before = tf.memory().numTensors;
    const objective = SoftmaxObjective.create({ ...data, C: 0.3, layout: 'transposed-copy' });
    const e = objective.evaluate(x);
    objective.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const reference = referenceObjective(data.features, data.labels, 6, 3, 0.3, x);
    expect(e.value).toBeCloseTo(reference.value, 5);
    expect(maxAbsDifference(e.gradient, reference.gradient)).toBeLessThan(1e-5);
  });

  it('switches between cpu and wasm on request', async () => {
    await useBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
    await useBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('trains dense data to the same model as cpu without leaking tensors', async () => {
    const train = gaussianBlobs({ perClass: 40, numClasses: 4, numFeatures: 8, seed: 7 });
    const plugin = softmaxRegression({ layout: 'dense' });
    const results = [];
    for (const backend of ['cpu', 'wasm'] as const) {
      await useBackend(backend);
      const before = tf.memory().numTensors;
      let during = before;
      const classifier = plugin.create(plugin.options.parse({ backend }));
      const result = await fitToEnd(classifier.fit(train), (event) => {
        if (event.type === 'progress') during = Math.max(during, tf.memory().numTensors);
      });
      await classifier.predictProba(train.features);
      expect(during).toBeGreaterThan(before);
      expect(tf.memory().numTensors).toBe(before);
      expect(tf.getBackend()).toBe(backend);
      results.push({ result, classifier });
    }
    const [cpu, wasm] = results as [(typeof results)[0], (typeof results)[0]];
    expect(wasm.result.converged).toBe(true);
    expectSameSolution(wasm, cpu, { objective: 5e-6, coefficients: 1e-2 });
  });

  it('puts its backend back when another classifier switched it between steps', async () => {
    const train = gaussianBlobs({ perClass: 10, numClasses: 3, numFeatures: 4, seed: 8 });
    const plugin = softmaxRegression();
    const classifier = plugin.create(
      plugin.options.parse({ backend: 'wasm', layout: 'dense', maxIter: 5 }),
    );
    const before = tf.memory().numTensors;
    for await (const event of classifier.fit(train)) {
      if (event.type === 'progress') await useBackend('cpu');
    }
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.memory().numTensors).toBe(before);
  });
});
