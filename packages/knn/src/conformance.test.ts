import { describeClassifierConformance } from '@digitlab/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { knn } from './plugin.js';

const tensorMemory = () => tf.memory().numTensors;
const invalidOptions = [
  { k: 0 },
  { k: 2.5 },
  { weights: 'gaussian' },
  { backend: 'webgl' },
  { K: 3 },
];

describeClassifierConformance(knn(), { tensorMemory, invalidOptions });

// Distance weights and batches smaller than the data take the other code paths.
describeClassifierConformance(knn(), {
  options: { k: 3, weights: 'distance', batchSize: 7 },
  tensorMemory,
});
