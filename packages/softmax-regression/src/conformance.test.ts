import { describeClassifierConformance } from '@digitlab/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import * as node from './node/index.js';
import { softmaxRegression } from './plugin.js';

const tensorMemory = () => tf.memory().numTensors;

// The reference backend with each solver and layout (on cpu, `auto` would hold every fit in
// compressed rows, which make no tensors), then the Node entry as the dashboard ships it.
describeClassifierConformance(softmaxRegression(), {
  options: { backend: 'cpu' },
  tensorMemory,
  invalidOptions: [
    { C: 0 },
    { solver: 'newton' },
    { maxIter: 1.5 },
    { backend: 'webgl' },
    { c: 1 },
    { workers: 2 },
  ],
});
describeClassifierConformance(softmaxRegression(), {
  options: {
    backend: 'cpu',
    layout: 'dense',
    solver: 'adam',
    epochs: 30,
    learningRate: 0.05,
    batchSize: 16,
  },
  tensorMemory,
});
// `auto` → wasm, and dense tensors for these dense blobs; too few rows for gradient workers.
describeClassifierConformance(node.softmaxRegression(), { tensorMemory });
