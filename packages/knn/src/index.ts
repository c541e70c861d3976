export { NotFittedError } from '@digitlab/core';
export { BackendInitError } from '@digitlab/tfjs-backend';
export { INDEX_STEPS } from './index-training-set.js';
export { KNN_FILES, type KnnModel } from './knn-artifact.js';
export type { NeighbourIndex } from './neighbour-index.js';
export type { Neighbours } from './neighbour-queries.js';
export {
  ALGORITHMS,
  type Algorithm,
  DEFAULT_OPTIONS,
  type KnnOptions,
  knnOptionsSchema,
  MAX_WORKERS,
  WEIGHTINGS,
  type Weighting,
} from './options.js';
export { type KnnClassifier, type KnnMethods, type KnnPlugin, knn, PLUGIN_NAME } from './plugin.js';
export { argmaxLowest, neighbourVotes } from './vote.js';
