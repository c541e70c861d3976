import { describeClassifierConformance } from '@digitlab/core/testing';
import { nearestCentroid } from './plugin.js';

// The whole Classifier contract in one call: events, held-out evaluation, outputs, save/load,
// bad input, abort and early exit. No tensorMemory: this plugin holds no tensors.
describeClassifierConformance(nearestCentroid(), {
  invalidOptions: [{ metric: 'cosine' }, { shrinkage: 1.5 }, { temperature: 0 }, { metrc: 'l1' }],
});

// The other metric and shrinkage take other code paths through the same contract.
describeClassifierConformance(nearestCentroid(), {
  options: { metric: 'manhattan', shrinkage: 0.3, temperature: 0.5 },
});
