import {
  ArtifactError,
  type ClassifierPlugin,
  type ModelArtifact,
  PluginOptionsError,
} from '@digitlab/core';
import { decodeModelFile } from './model-file.js';
import { NearestCentroidClassifier } from './nearest-centroid-classifier.js';
import {
  DEFAULT_OPTIONS,
  type NearestCentroidOptions,
  nearestCentroidOptionsSchema,
} from './options.js';

/** The plugin's name, as saved models, the registry and `--classifier` know it. */
export const PLUGIN_NAME = 'nearest-centroid';

/** The nearest-centroid plugin as the registry sees it, with its own classifier type. */
export interface NearestCentroidPlugin extends ClassifierPlugin<NearestCentroidOptions> {
  create(options: NearestCentroidOptions): NearestCentroidClassifier;
  load(artifact: ModelArtifact): Promise<NearestCentroidClassifier>;
}

/**
 * Nearest-centroid classification as a digitlab plugin. `defaults` replace the built-in defaults
 * (they show up in `digitlab plugins` and `--help`); invalid ones fail here, not at training time.
 */
export function nearestCentroid(
  defaults: Partial<NearestCentroidOptions> = {},
): NearestCentroidPlugin {
  const base = nearestCentroidOptionsSchema().safeParse({ ...DEFAULT_OPTIONS, ...defaults });
  if (!base.success) {
    throw new PluginOptionsError(
      PLUGIN_NAME,
      base.error.issues.map((i) => `defaults.${i.path.join('.')}: ${i.message}`),
    );
  }
  return {
    name: PLUGIN_NAME,
    description:
      'Nearest centroid (scikit-learn NearestCentroid) in pure TypeScript: euclidean or manhattan, optional shrinkage',
    options: nearestCentroidOptionsSchema(base.data),
    create: (validated) => new NearestCentroidClassifier(PLUGIN_NAME, validated),
    async load(artifact) {
      if (artifact.plugin !== PLUGIN_NAME) {
        throw new ArtifactError(
          `expected a model saved by the '${PLUGIN_NAME}' plugin, found one saved by '${artifact.plugin}'`,
        );
      }
      // The options a model predicts with are part of the model: they come from its file.
      const { model, options } = decodeModelFile(artifact.files, artifact.metadata);
      return new NearestCentroidClassifier(PLUGIN_NAME, options, {
        model,
        metadata: artifact.metadata,
      });
    },
  };
}
