import { defineClassifier, type Trainer } from '@digitlab/core';
import { addRows, centroidsFromSums, createClassSums } from './class-sums.js';
import { decodeModelFile, encodeModelFile } from './model-file.js';
import {
  centroidDistances,
  type NearestCentroidModel,
  nearestClasses,
  probabilitiesFromDistances,
} from './nearest-centroid-model.js';
import { nearestCentroidOptionsSchema } from './options.js';

/** The plugin's name, as saved models, the registry and `--classifier` know it. */
export const PLUGIN_NAME = 'nearest-centroid';

/** Steps of a fit: one pass over the data, in steps so a dashboard can show, pause and stop it. */
export const FIT_STEPS = 10;

/** Nearest centroid as a plugin factory: `nearestCentroid({ metric: 'manhattan' })`, say. */
export const nearestCentroid = defineClassifier({
  name: PLUGIN_NAME,
  description:
    'Nearest centroid (scikit-learn NearestCentroid) in pure TypeScript: euclidean or manhattan, optional shrinkage',
  options: nearestCentroidOptionsSchema,
  /** Average each class in FIT_STEPS chunks of rows; each step's model is the rows seen so far. */
  train({ data, options: o, signal }): Trainer<NearestCentroidModel> {
    const n = data.numSamples;
    const rowsPerStep = Math.ceil(n / FIT_STEPS);
    const total = Math.ceil(n / rowsPerStep);
    const sums = createClassSums(data.numFeatures, data.numClasses);
    async function* steps() {
      // The driver stops pulling steps once a fit is aborted; a fit aborted before its first step
      // ends here, and keeps the model it had.
      if (signal.aborted) {
        const message = `aborted after averaging 0 of ${n} samples (0 of ${total} steps)`;
        return { stopReason: 'aborted', converged: false, message, steps: 0 };
      }
      for (let from = 0; from < n; from += rowsPerStep) {
        const to = Math.min(n, from + rowsPerStep);
        addRows(sums, data, from, to);
        yield {
          model: centroidsFromSums(sums, o.shrinkage),
          message: `averaged ${to} of ${n} samples`,
        };
      }
      const centroids = describeCentroids(sums.counts, data.classNames);
      const message = `averaged ${n} samples into ${centroids} in ${total} steps`;
      return { stopReason: 'completed', converged: true, message };
    }
    const settings = `${o.metric} distance, shrinkage ${o.shrinkage}, temperature ${o.temperature}`;
    const description = `nearest centroid (${settings}): averaging ${n} samples in ${total} steps`;
    return { unit: 'step', total, description, steps: steps() };
  },
  predictProba: (model, features, o) =>
    probabilitiesFromDistances(
      centroidDistances(model, o.metric, features),
      model.numClasses,
      o.temperature,
    ),
  predict: (model, features, o) =>
    nearestClasses(centroidDistances(model, o.metric, features), model.numClasses),
  encode: encodeModelFile,
  decode: decodeModelFile,
  // The options a model file records belong to the model: they win over the manifest's.
  impliedOptions: (model) => model.options ?? {},
});

/** "10 centroids", or which classes had no samples and so can never be predicted. */
function describeCentroids(counts: Float64Array, classNames: readonly string[]): string {
  const missing = classNames.filter((_, c) => counts[c] === 0).map((name) => `'${name}'`);
  const found = `${counts.length - missing.length} centroids`;
  return missing.length === 0
    ? found
    : `${found} (no samples of class ${missing.join(', ')}: never predicted)`;
}
