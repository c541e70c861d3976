import { checkPluginLongRun, longRunBlobs } from '@digitlab/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, it } from 'vitest';
import { mlp } from './plugin.js';

// Sized for CI (small data, a few seconds); `pnpm bench` in apps/dashboard runs full-size ones.
describe('mlp fitted and disposed 200 times in one process', () => {
  it('tensors back at the start, RSS growth < 50 MB', async () => {
    await checkPluginLongRun(
      mlp({ backend: 'cpu' }),
      { hiddenUnits: 8, epochs: 3 },
      longRunBlobs(),
      { tensorMemory: () => tf.memory().numTensors, cycles: 200 },
    );
  }, 120_000);
});
