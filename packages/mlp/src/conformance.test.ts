import { describeClassifierConformance } from '@digitlab/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { mlp } from './plugin.js';

const tensorMemory = () => tf.memory().numTensors;
const invalidOptions = [
  { hiddenUnits: 0 },
  { hiddenUnits: 2.5 },
  { solver: 'newton' },
  { alpha: -1 },
  { backend: 'webgl' },
  { hidden_units: 8 },
];

// The conformance data has 60 samples, one mini-batch: adam needs a larger step than its
// MNIST default to fit it in a few dozen steps.
describeClassifierConformance(mlp({ backend: 'cpu' }), {
  options: { hiddenUnits: 16, learningRate: 0.05, epochs: 25 },
  tensorMemory,
  invalidOptions,
});

describeClassifierConformance(mlp({ backend: 'cpu' }), {
  options: { solver: 'lbfgs', hiddenUnits: 8, maxIter: 40 },
  tensorMemory,
});

describeClassifierConformance(mlp({ backend: 'cpu' }), {
  options: { solver: 'sgd', hiddenUnits: 8, learningRate: 0.1, batchSize: 16, epochs: 15 },
  tensorMemory,
});
