import {
  checkLongRun,
  fitAndDisposeCycle,
  gaussianBlobs,
  measureLongRun,
} from '@digitlab/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, it } from 'vitest';
import { knn } from './plugin.js';

// Sized for CI (small data, a few seconds); `pnpm bench` in apps/dashboard runs full-size ones.
describe('knn fitted and disposed 200 times in one process', () => {
  it('tensors back at the start, RSS growth < 50 MB', async () => {
    const data = {
      train: gaussianBlobs({ perClass: 10, numClasses: 3, numFeatures: 16, seed: 1 }),
      test: gaussianBlobs({ perClass: 5, numClasses: 3, numFeatures: 16, seed: 2, split: 'test' }),
    };
    const measured = await measureLongRun(
      fitAndDisposeCycle(knn({ backend: 'cpu' }), { k: 3 }, data),
      {
        tensorMemory: () => tf.memory().numTensors,
        cycles: 200,
      },
    );
    console.info(JSON.stringify(measured));
    checkLongRun(measured);
  }, 120_000);
});
