import {
  ArtifactError,
  type ClassifierPlugin,
  type ModelArtifact,
  PluginOptionsError,
} from '@digitlab/core';
import { activateBackend } from '@digitlab/tfjs-backend';
import { decodeKnnFiles } from './knn-artifact.js';
import { KnnClassifier } from './knn-classifier.js';
import { NeighbourIndex } from './neighbour-index.js';
import { DEFAULT_OPTIONS, type KnnOptions, knnOptionsSchema } from './options.js';

/** The plugin's name, as saved models and the registry know it. */
export const PLUGIN_NAME = 'knn';

/** The knn plugin as the registry sees it, plus `load` with option overrides. */
export interface KnnPlugin extends ClassifierPlugin<KnnOptions> {
  create(options: KnnOptions): KnnClassifier;
  /**
   * Rebuild a saved model. k and weights come from the artifact, batchSize and backend from the
   * plugin's defaults, and `overrides` win over both (e.g. `{ k: 7 }`: k is only used at query time).
   */
  load(artifact: ModelArtifact, overrides?: Partial<KnnOptions>): Promise<KnnClassifier>;
}

/** k-nearest neighbours (scikit-learn's KNeighborsClassifier, brute force) as a digitlab plugin. */
export function knn(defaults: Partial<KnnOptions> = {}): KnnPlugin {
  const base = knnOptionsSchema().safeParse({ ...DEFAULT_OPTIONS, ...defaults });
  if (!base.success) {
    throw new PluginOptionsError(
      PLUGIN_NAME,
      base.error.issues.map((i) => `defaults.${i.path.join('.')}: ${i.message}`),
    );
  }
  const options = knnOptionsSchema(base.data);
  return {
    name: PLUGIN_NAME,
    description:
      'k-nearest neighbours (scikit-learn KNeighborsClassifier, brute force) on TensorFlow.js: batched distances, uniform or distance weights',
    options,
    create: (validated) => new KnnClassifier(PLUGIN_NAME, validated),
    async load(artifact, overrides = {}) {
      if (artifact.plugin !== PLUGIN_NAME) {
        throw new ArtifactError(
          `expected a model saved by the '${PLUGIN_NAME}' plugin, found one saved by '${artifact.plugin}'`,
        );
      }
      const model = decodeKnnFiles(artifact.files, artifact.metadata);
      const parsed = options.safeParse({ k: model.k, weights: model.weights, ...overrides });
      const issues = parsed.success
        ? []
        : parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`);
      if (parsed.success && parsed.data.k > model.labels.length) {
        issues.push(
          `k: expected at most ${model.labels.length} (the saved training samples), found ${parsed.data.k}`,
        );
      }
      if (!parsed.success || issues.length > 0) throw new PluginOptionsError(PLUGIN_NAME, issues);
      await activateBackend(parsed.data.backend);
      const index = NeighbourIndex.fromRows(
        model.features,
        model.numFeatures,
        model.labels.slice(),
        model.numClasses,
      );
      return new KnnClassifier(PLUGIN_NAME, parsed.data, { index, metadata: artifact.metadata });
    },
  };
}
