import { defineClassifier, imagesOfRows, type Trainer } from '@digitlab/core';
import { ClassSums } from './class-sums.js';
import { decodeModelFile, encodeModelFile } from './model-file.js';
import {
  centroidDistances,
  type NearestCentroidModel,
  probabilitiesFromDistances,
} from './nearest-centroid-model.js';
import { nearestCentroidOptionsSchema } from './options.js';

/** The plugin's name, as saved models, the registry and `--classifier` know it. */
export const PLUGIN_NAME = 'nearest-centroid';

/** Steps of a fit: one pass over the data, in steps so a dashboard can show, pause and stop it. */
export const FIT_STEPS = 10;

const CENTROIDS = { name: 'centroids', title: 'Class centroids', scale: 'sequential' } as const;

/** Nearest centroid as a plugin factory: `nearestCentroid({ metric: 'manhattan' })`, say. */
export const nearestCentroid = defineClassifier({
  name: PLUGIN_NAME,
  description:
    'Nearest centroid (scikit-learn NearestCentroid) in pure TypeScript: euclidean or manhattan, optional shrinkage',
  options: nearestCentroidOptionsSchema,
  /** Average each class in FIT_STEPS chunks of rows; each step's model is the rows seen so far. */
  train({ data, options: o }): Trainer<NearestCentroidModel> {
    const n = data.numSamples;
    const rowsPerStep = Math.ceil(n / FIT_STEPS);
    const total = Math.ceil(n / rowsPerStep);
    const sums = new ClassSums(data.numFeatures, data.numClasses);
    async function* steps() {
      for (let from = 0; from < n; from += rowsPerStep) {
        const to = Math.min(n, from + rowsPerStep);
        sums.add(data, from, to);
        yield { model: sums.centroids(o.shrinkage), message: `averaged ${to} of ${n} samples` };
      }
      // A class without samples has no centroid and can never be predicted: say which.
      const missing = data.classNames.filter((_, c) => !sums.counts[c]).map((name) => `'${name}'`);
      const never = missing.length
        ? ` (no samples of class ${missing.join(', ')}: never predicted)`
        : '';
      const centroids = `${data.numClasses - missing.length} centroids${never}`;
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
  // The centroids are pictures of the average sample of each class: figures can draw them.
  inspect: ({ centroids }, { shape, classNames }) =>
    shape ? [imagesOfRows(CENTROIDS, centroids, shape, classNames)] : [],
  encode: encodeModelFile,
  decode: decodeModelFile,
});
