import { describeClassifierConformance } from '@digitlab/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { softmaxRegression } from './plugin.js';

const tensorMemory = () => tf.memory().numTensors;

// The reference backend with each solver and layout (on cpu, `auto` would hold every fit in
// compressed rows, which make no tensors); the wasm backend is checked in wasm-backend.test.ts.
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
