import { describeClassifierConformance } from '@digitlab/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { softmaxRegression } from './plugin.js';

const tensorMemory = () => tf.memory().numTensors;

// The reference backend with each solver; the wasm backend is checked in wasm-backend.test.ts.
describeClassifierConformance(softmaxRegression(), {
  options: { backend: 'cpu' },
  tensorMemory,
  invalidOptions: [
    { C: 0 },
    { solver: 'newton' },
    { maxIter: 1.5 },
    { backend: 'webgl' },
    { c: 1 },
  ],
});
describeClassifierConformance(softmaxRegression(), {
  options: { backend: 'cpu', solver: 'adam', epochs: 30, learningRate: 0.05, batchSize: 16 },
  tensorMemory,
});
