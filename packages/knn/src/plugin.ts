import {
  type DefinedClassifier,
  type DefinedPlugin,
  defineClassifier,
  PluginOptionsError,
  validateFeatures,
} from '@digitlab/core';
import { activateBackend } from '@digitlab/tfjs-backend';
import { indexTrainingSet } from './index-training-set.js';
import { decodeKnnFiles, encodeKnnFiles } from './knn-artifact.js';
import { NeighbourIndex } from './neighbour-index.js';
import { classify, kneighbors, type Neighbours, voteFractions } from './neighbour-queries.js';
import { type KnnOptions, knnOptionsSchema } from './options.js';
import { resolveAlgorithm } from './resolve-algorithm.js';

/** The plugin's name, as saved models and the registry know it. */
export const PLUGIN_NAME = 'knn';

/** What knn classifiers have besides the Classifier methods. */
export interface KnnMethods {
  /** The k nearest training samples of each row and their Euclidean distances, nearest first. */
  kneighbors(features: Float32Array): Promise<Neighbours>;
}

/** A knn classifier: core's fit driver over a neighbour index, plus `kneighbors`. */
export type KnnClassifier = DefinedClassifier<KnnOptions, NeighbourIndex> & KnnMethods;

/**
 * The knn plugin as the registry sees it, plus `load(artifact, overrides)`: k and weights come
 * from the artifact, batchSize and backend from the plugin's defaults, and `overrides` win over
 * both (e.g. `{ k: 7 }`: k is only used at query time, up to the saved training samples).
 */
export type KnnPlugin = DefinedPlugin<KnnOptions, NeighbourIndex, KnnMethods>;

const knnPlugin = defineClassifier({
  name: PLUGIN_NAME,
  description:
    'k-nearest neighbours (scikit-learn KNeighborsClassifier): exact search pruned by projection bounds (WebAssembly SIMD, worker threads) or brute force on TensorFlow.js; uniform or distance weights',
  options: knnOptionsSchema(),
  modelOptions: ['k', 'weights'],
  // Each training row is its own nearest neighbour: its accuracy on them flatters, at the cost of
  // searching all of them (six times the test split's work on MNIST).
  measuresTrainAccuracy: false,
  requirements: () => ({ minClasses: 1 }),
  train: indexTrainingSet,
  predictProba: voteFractions,
  predict: classify,
  async encode(index, o) {
    // Rows indexed by brute force live in tensors on the backend; the projection search's in memory.
    if (resolveAlgorithm(o, index.numFeatures) === 'brute') await activateBackend(o.backend);
    const { numFeatures, numClasses, labels } = index;
    const { k, weights } = o;
    return encodeKnnFiles({ k, weights, numFeatures, numClasses, features: index.rows(), labels });
  },
  decode(files, metadata) {
    const m = decodeKnnFiles(files, metadata);
    const saved = { k: m.k, weights: m.weights };
    return NeighbourIndex.fromRows(
      m.features,
      m.numFeatures,
      m.labels.slice(),
      m.numClasses,
      saved,
    );
  },
  // knn.json's k and weights win over the metadata's: a model loaded with another k and saved
  // again keeps its first metadata, but knn.json has the new k.
  impliedOptions: (index) => index.saved ?? {},
  release: (index) => index.dispose(),
  extend: (classifier) => ({
    async kneighbors(features: Float32Array) {
      const index = classifier.requireModel('kneighbors');
      validateFeatures(features, index.numFeatures, 'kneighbors features');
      return kneighbors(index, features, classifier.options);
    },
  }),
});

/** k-nearest neighbours (scikit-learn's KNeighborsClassifier, brute force) as a digitlab plugin. */
export function knn(defaults: Partial<KnnOptions> = {}): KnnPlugin {
  const plugin = knnPlugin(defaults);
  return {
    ...plugin,
    // The driver has no hook to check restored options against the model: k must fit its rows.
    async load(artifact, overrides) {
      const classifier = await plugin.load(artifact, overrides);
      const { k } = classifier.options;
      const n = (classifier.model as NeighbourIndex).numSamples;
      if (k > n) {
        classifier.dispose();
        const issue = `k: expected at most ${n} (the saved training samples), found ${k}`;
        throw new PluginOptionsError(PLUGIN_NAME, [issue]);
      }
      return classifier;
    },
  };
}
