/**
 * `pnpm bench` (apps/dashboard): long runs at full size. Each shipped plugin is fitted on the
 * notebook protocol (1000 MNIST training images per class, seed 0), asked for the probabilities of
 * 1000 test images, and disposed, `--cycles` times (default 20) in this one process after
 * `--warm-up` cycles (default 2). Prints per plugin: ms per cycle, live tensors before and after,
 * live worker threads after, and resident memory and heap growth, measured after a full GC.
 *
 *   node dist/bench/long-runs.js [--cycles 20] [--warm-up 2] [--plugin mlp] [--mlp-epochs 2]
 */
import { parseArgs } from 'node:util';
import type { ClassifierPlugin } from '@digitlab/core';
import {
  fitAndDisposeCycle,
  type LongRunMeasurement,
  measureLongRun,
} from '@digitlab/core/testing';
import { loadMnist, stratifiedSubsample, subset } from '@digitlab/datasets/node';
import { liveWorkerCount } from '@digitlab/kernels/node';
import { knn } from '@digitlab/knn';
import { mlp } from '@digitlab/mlp';
import { softmaxRegression } from '@digitlab/softmax-regression/node';
import * as tf from '@tensorflow/tfjs-core';
import { NOTEBOOK_PRESET } from '../cli/train-settings.js';

const { values } = parseArgs({
  options: {
    cycles: { type: 'string', default: '20' },
    'warm-up': { type: 'string', default: '2' },
    plugin: { type: 'string', multiple: true },
    'mlp-epochs': { type: 'string', default: '2' },
  },
});
const cycles = Number(values.cycles);
const warmUp = Number(values['warm-up']);

interface Run {
  readonly plugin: ClassifierPlugin;
  readonly options: Record<string, unknown>;
  readonly settings: string;
}

// The notebook's options where a plugin has them; the MLP with few epochs, so the run ends.
const runs: Run[] = [
  {
    plugin: softmaxRegression(),
    options: { ...NOTEBOOK_PRESET.options },
    settings: 'lbfgs C=1 max-iter=500, gradient workers = cores',
  },
  {
    plugin: mlp(),
    options: { epochs: Number(values['mlp-epochs']) },
    settings: `adam, ${values['mlp-epochs']} epochs, 128 hidden units`,
  },
  { plugin: knn(), options: {}, settings: 'k=5' },
].filter((run) => values.plugin === undefined || values.plugin.includes(run.plugin.name));

const mnist = await loadMnist();
const data = {
  train: stratifiedSubsample(mnist.train, 1000, 0),
  test: subset(
    mnist.test,
    Uint32Array.from({ length: 1000 }, (_, i) => i),
  ),
};

const rows: Record<string, string | number>[] = [];
for (const run of runs) {
  const measured: LongRunMeasurement = await measureLongRun(
    fitAndDisposeCycle(run.plugin, run.options, data),
    {
      cycles,
      warmUp,
      tensorMemory: () => tf.memory().numTensors,
      liveWorkers: liveWorkerCount,
    },
  );
  rows.push({
    plugin: run.plugin.name,
    settings: run.settings,
    cycles,
    'ms/cycle': Math.round(measured.msPerCycle),
    tensors: `${measured.tensorsAtStart} → ${measured.tensorsAtEnd}`,
    'workers after': measured.workersAtEnd ?? 0,
    'RSS MB': `${measured.rssAtStartMb.toFixed(0)} → ${measured.rssAtEndMb.toFixed(0)}`,
    'RSS growth MB': Number(measured.rssGrowthMb.toFixed(1)),
    'heap growth MB': Number(measured.heapGrowthMb.toFixed(1)),
  });
  console.log(JSON.stringify(rows.at(-1)));
}
console.log(
  `\nlong runs on the notebook protocol (${data.train.numSamples} training images, ${data.test.numSamples} predicted per cycle), after ${warmUp} warm-up cycles and a full GC`,
);
console.table(rows);
