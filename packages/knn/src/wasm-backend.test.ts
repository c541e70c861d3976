import { fitToEnd } from '@digitlab/core';
import { describeClassifierConformance } from '@digitlab/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { knn } from './plugin.js';
import { lineDataset, randomDataset } from './test-support/datasets.js';

// Its own file: each vitest file runs in its own process, so wasm is initialized here only.
describeClassifierConformance(knn({ backend: 'wasm', algorithm: 'brute' }), {
  tensorMemory: () => tf.memory().numTensors,
  timeoutMs: 60_000,
});

describe('the wasm backend', () => {
  const train = randomDataset(500, 20, 5, 31);
  const test = randomDataset(100, 20, 5, 32, 'test');

  it('predicts what cpu predicts, for both weightings', async () => {
    const plugin = knn();
    for (const weights of ['uniform', 'distance'] as const) {
      const outputs = [];
      for (const backend of ['cpu', 'wasm'] as const) {
        const classifier = plugin.create(
          plugin.options.parse({ k: 5, weights, backend, batchSize: 32, algorithm: 'brute' }),
        );
        await fitToEnd(classifier.fit(train));
        outputs.push({
          proba: await classifier.predictProba(test.features),
          neighbours: (await classifier.kneighbors(test.features)).indices,
        });
        expect(tf.getBackend()).toBe(backend);
        classifier.dispose();
      }
      const [cpu, wasm] = outputs as [(typeof outputs)[0], (typeof outputs)[0]];
      expect(Array.from(wasm.neighbours)).toEqual(Array.from(cpu.neighbours));
      let maxDiff = 0;
      for (let i = 0; i < cpu.proba.length; i++)
        maxDiff = Math.max(maxDiff, Math.abs((cpu.proba[i] as number) - (wasm.proba[i] as number)));
      expect(maxDiff).toBeLessThan(1e-5);
    }
  });

  it('breaks distance ties toward the earlier training row and vote ties toward the smaller class', async () => {
    const plugin = knn({ backend: 'wasm', algorithm: 'brute' });
    // x = 0, 3, 1, 7, 8 with labels 0, 1, 0, 1, 2: q = 2 is 1 away from rows 1 and 2.
    const line = lineDataset([0, 3, 1, 7, 8], [0, 1, 0, 1, 2], 3);
    const k1 = plugin.create(plugin.options.parse({ k: 1 }));
    const k2 = plugin.create(plugin.options.parse({ k: 2 }));
    await fitToEnd(k1.fit(line));
    await fitToEnd(k2.fit(line));
    const q = Float32Array.from([2, 7.6]);
    expect(Array.from(await k1.predict(q))).toEqual([1, 2]);
    expect(Array.from(await k2.predict(q))).toEqual([0, 1]);
    k1.dispose();
    k2.dispose();
  });

  it('switches back to its own backend when another classifier changed it between calls', async () => {
    const plugin = knn();
    const onWasm = plugin.create(
      plugin.options.parse({ k: 3, backend: 'wasm', algorithm: 'brute' }),
    );
    const onCpu = plugin.create(plugin.options.parse({ k: 3, backend: 'cpu', algorithm: 'brute' }));
    await fitToEnd(onWasm.fit(train));
    await fitToEnd(onCpu.fit(train));
    const before = tf.memory().numTensors;
    const a = await onWasm.predict(test.features);
    expect(tf.getBackend()).toBe('wasm');
    const b = await onCpu.predict(test.features);
    expect(tf.getBackend()).toBe('cpu');
    expect(Array.from(await onWasm.predict(test.features))).toEqual(Array.from(a));
    expect(tf.getBackend()).toBe('wasm');
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(tf.memory().numTensors).toBe(before);
    onWasm.dispose();
    onCpu.dispose();
  });
});
