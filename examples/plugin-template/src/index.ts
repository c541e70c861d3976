import { nearestCentroid } from './plugin.js';

export { addRows, type ClassSums, centroidsFromSums, createClassSums } from './class-sums.js';
export { NotFittedError } from './errors.js';
export { decodeModelFile, encodeModelFile, MODEL_FILE } from './model-file.js';
export {
  FIT_STEPS,
  NearestCentroidClassifier,
  type RestoredModel,
} from './nearest-centroid-classifier.js';
export {
  centroidDistances,
  type NearestCentroidModel,
  nearestClasses,
  probabilitiesFromDistances,
} from './nearest-centroid-model.js';
export {
  DEFAULT_OPTIONS,
  METRICS,
  type Metric,
  type NearestCentroidOptions,
  nearestCentroidOptionsSchema,
} from './options.js';
export { type NearestCentroidPlugin, nearestCentroid, PLUGIN_NAME } from './plugin.js';

/**
 * What `digitlab train --classifier <this module>` loads: the default export must be a
 * ClassifierPlugin (or a factory the CLI calls without options).
 */
export default nearestCentroid();
