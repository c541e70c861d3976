import { describeClassifierConformance } from '@digitlab/core/testing';
import { activateBackend } from '@digitlab/tfjs-backend';
import * as tf from '@tensorflow/tfjs-core';
import { knn } from './plugin.js';

// The projection search makes no tensors; a backend must exist for the leak checks to count them.
await activateBackend('cpu');

const tensorMemory = () => tf.memory().numTensors;
const invalidOptions = [
  { k: 0 },
  { k: 2.5 },
  { weights: 'gaussian' },
  { backend: 'webgl' },
  { K: 3 },
];

describeClassifierConformance(knn(), {
  tensorMemory,
  invalidOptions: [...invalidOptions, { algorithm: 'kd_tree' }, { workers: -1 }],
});

// Distance weights, the search on this thread, and brute force in batches smaller than the data
// take the other code paths.
describeClassifierConformance(knn(), {
  options: { k: 3, weights: 'distance', workers: 0 },
  tensorMemory,
});
describeClassifierConformance(knn(), {
  options: { k: 3, weights: 'distance', batchSize: 7, algorithm: 'brute' },
  tensorMemory,
});
