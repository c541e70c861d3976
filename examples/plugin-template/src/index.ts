import { nearestCentroid } from './plugin.js';

export { MODEL_FILE } from './model-file.js';
export type { NearestCentroidModel } from './nearest-centroid-model.js';
export {
  DEFAULT_OPTIONS,
  METRICS,
  type Metric,
  type NearestCentroidOptions,
  nearestCentroidOptionsSchema,
} from './options.js';
export { FIT_STEPS, nearestCentroid, PLUGIN_NAME } from './plugin.js';

/** What `--classifier <this module>` loads: a plugin (or a factory, called without options). */
export default nearestCentroid();
