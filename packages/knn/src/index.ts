export { BackendInitError, NotFittedError } from './errors.js';
export { KNN_FILES, type KnnModel } from './knn-artifact.js';
export {
  INDEX_STEPS,
  KnnClassifier,
  type Neighbours,
  type RestoredKnn,
} from './knn-classifier.js';
export type { NeighbourIndex } from './neighbour-index.js';
export {
  DEFAULT_OPTIONS,
  type KnnOptions,
  knnOptionsSchema,
  WEIGHTINGS,
  type Weighting,
} from './options.js';
export { type KnnPlugin, knn, PLUGIN_NAME } from './plugin.js';
export { argmaxLowest, neighbourVotes } from './vote.js';
