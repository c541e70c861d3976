import {
  checkLongRun,
  fitAndDisposeCycle,
  longRunBlobs,
  measureLongRun,
} from '@digitlab/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, it } from 'vitest';
import { mlp } from './plugin.js';

// Sized for CI (small data, a few seconds); `pnpm bench` in apps/dashboard runs full-size ones.
describe('mlp fitted and disposed 200 times in one process', () => {
  it('tensors back at the start, RSS growth < 50 MB', async () => {
    const data = longRunBlobs();
    const measured = await measureLongRun(
      fitAndDisposeCycle(mlp({ backend: 'cpu' }), { hiddenUnits: 8, epochs: 3 }, data),
      {
        tensorMemory: () => tf.memory().numTensors,
        cycles: 200,
      },
    );
    console.info(JSON.stringify(measured));
    checkLongRun(measured);
  }, 120_000);
});
