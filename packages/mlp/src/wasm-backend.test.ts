import { fitToEnd } from '@digitlab/core';
import {
  describeClassifierConformance,
  gaussianBlobs,
  maxAbsDifference,
} from '@digitlab/core/testing';
import { useBackend } from '@digitlab/tfjs-backend';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { glorotUniformParameters } from './glorot-uniform.js';
import { MlpObjective } from './mlp-objective.js';
import { parametersFromWeights } from './mlp-parameters.js';
import { mlp } from './plugin.js';

// Its own file: each vitest file runs in its own process, so wasm is initialized here only.
describeClassifierConformance(mlp({ backend: 'wasm' }), {
  options: { hiddenUnits: 16, learningRate: 0.05, epochs: 25 },
  tensorMemory: () => tf.memory().numTensors,
  timeoutMs: 60_000,
});

describe('the wasm backend', () => {
  const data = gaussianBlobs({ perClass: 40, numClasses: 4, numFeatures: 30, seed: 7 });
  const shape = { numFeatures: 30, hiddenUnits: 20, numClasses: 4 };

  it('computes the objective and gradient that cpu computes', async () => {
    const x = glorotUniformParameters(shape, 5);
    const batch = Uint32Array.from({ length: 33 }, (_, i) => (i * 7) % 160);
    const results = [];
    for (const backend of ['cpu', 'wasm'] as const) {
      await useBackend(backend);
      const before = tf.memory().numTensors;
      const objective = new MlpObjective({ ...data, ...shape, alpha: 0.01, chunkRows: 64 });
      results.push({ full: objective.evaluate(x), batch: objective.evaluateBatch(x, batch) });
      expect(tf.memory().numTensors).toBe(before);
    }
    const [cpu, wasm] = results as [(typeof results)[0], (typeof results)[0]];
    expect(wasm.full.value).toBeCloseTo(cpu.full.value, 5);
    expect(maxAbsDifference(wasm.full.gradient, cpu.full.gradient)).toBeLessThan(1e-5);
    expect(wasm.full.correct).toBe(cpu.full.correct);
    expect(wasm.batch.value).toBeCloseTo(cpu.batch.value, 5);
    expect(maxAbsDifference(wasm.batch.gradient, cpu.batch.gradient)).toBeLessThan(1e-5);
  });

  it('trains to the same network as cpu, on the backend it was asked for', async () => {
    const weights = [];
    for (const backend of ['cpu', 'wasm'] as const) {
      const plugin = mlp({ backend });
      const classifier = plugin.create(
        plugin.options.parse({ hiddenUnits: 20, solver: 'lbfgs', maxIter: 10 }),
      );
      // Another backend active at the start: the fit switches to its own.
      await useBackend(backend === 'cpu' ? 'wasm' : 'cpu');
      await fitToEnd(classifier.fit(data));
      expect(tf.getBackend()).toBe(backend);
      weights.push(parametersFromWeights(classifier.getWeights()));
      classifier.dispose();
    }
    expect(maxAbsDifference(weights[0] as Float64Array, weights[1] as Float64Array)).toBeLessThan(
      1e-3,
    );
  });
});
