import {
  checkLongRun,
  checkPluginLongRun,
  fitAndDisposeCycle,
  longRunBlobs,
  measureLongRun,
} from '@digitlab/core/testing';
import { liveWorkerCount } from '@digitlab/kernels/node';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import * as node from './node/index.js';
import { MIN_ROWS_PER_WORKER } from './parallel/parallel-objective.js';

const tensorMemory = () => tf.memory().numTensors;

function blobs(perClass: number, numFeatures: number) {
  return longRunBlobs(numFeatures, perClass);
}

// Sized for CI: small data, few iterations; `pnpm bench` in apps/dashboard runs full-size ones.
describe('softmax-regression fitted and disposed many times in one process', () => {
  it.each([
    ['dense tensors on cpu', { backend: 'cpu', layout: 'dense', maxIter: 10 }],
    ['compressed rows (wasm kernel)', { backend: 'cpu', layout: 'sparse', maxIter: 10 }],
  ])(
    '%s: tensors back at the start, RSS growth < 50 MB',
    async (_, options) => {
      await checkPluginLongRun(
        node.softmaxRegression(),
        { ...options, workers: 0 },
        blobs(10, 16),
        { cycles: 200, tensorMemory, liveWorkers: liveWorkerCount },
      );
    },
    120_000,
  );

  it('with gradient worker threads, 20 times: none alive afterwards, tensors back, RSS growth < 50 MB', async () => {
    // Enough rows for two shards, so each fit starts (and must stop) two workers.
    const data = blobs(Math.ceil((2 * MIN_ROWS_PER_WORKER) / 3), 8);
    let peakWorkers = 0;
    const cycle = fitAndDisposeCycle(
      node.softmaxRegression(),
      { backend: 'cpu', layout: 'sparse', maxIter: 3, workers: 2 },
      data,
    );
    const measured = await measureLongRun(
      async () => {
        const watch = setInterval(() => {
          peakWorkers = Math.max(peakWorkers, liveWorkerCount());
        }, 1);
        try {
          await cycle();
        } finally {
          clearInterval(watch);
        }
      },
      // Each fit starts two threads that load TensorFlow.js (about half a second on 2 busy cores):
      // 20 cycles here keep CI within budget; the bench runs the long version.
      { cycles: 20, warmUp: 2, tensorMemory, liveWorkers: liveWorkerCount },
    );
    console.info(JSON.stringify({ ...measured, peakWorkers }));
    expect(peakWorkers, 'workers were started at all').toBe(2);
    checkLongRun(measured);
  }, 300_000);
});
