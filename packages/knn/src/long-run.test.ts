import { checkPluginLongRun, longRunBlobs } from '@digitlab/core/testing';
import { liveWorkerCount } from '@digitlab/kernels/node';
import { activateBackend } from '@digitlab/tfjs-backend';
import * as tf from '@tensorflow/tfjs-core';
import { describe, it } from 'vitest';
import { knn } from './plugin.js';

// Small data takes no tensors on the projection path: a backend must exist for the count.
await activateBackend('cpu');

const tensorMemory = () => tf.memory().numTensors;
const data = longRunBlobs();

// Sized for CI (small data, a few seconds); `pnpm bench` in apps/dashboard runs full-size ones.
describe('knn fitted and disposed many times in one process', () => {
  it.each([
    ['the search on this thread', { k: 3, workers: 0 }],
    ['brute force with tensors', { k: 3, algorithm: 'brute', backend: 'cpu' }],
  ])(
    '%s, 200 times: tensors back at the start, RSS growth < 50 MB',
    async (_, options) => {
      await checkPluginLongRun(knn(), options, data, {
        tensorMemory,
        liveWorkers: liveWorkerCount,
        cycles: 200,
      });
    },
    120_000,
  );

  it('with search worker threads, 20 times: none alive afterwards', async () => {
    // Each prediction starts its worker threads: 20 cycles keep CI within budget.
    await checkPluginLongRun(knn(), { k: 3, workers: 2 }, data, {
      tensorMemory,
      liveWorkers: liveWorkerCount,
      cycles: 20,
      warmUp: 2,
    });
  }, 120_000);
});
