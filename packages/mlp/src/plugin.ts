import {
  ArtifactError,
  type ClassifierPlugin,
  type ModelArtifact,
  PluginOptionsError,
} from '@digitlab/core';
import { decodeLayersModel } from './layers-model.js';
import { MlpClassifier } from './mlp-classifier.js';
import { DEFAULT_OPTIONS, type MlpOptions, mlpOptionsSchema } from './options.js';

/** The plugin's name, as saved models and the registry know it. */
export const PLUGIN_NAME = 'mlp';

// Settings that describe how a saved model was trained; the backend and the rest are the loader's.
const TRAINING_KEYS = [
  'hiddenUnits',
  'alpha',
  'solver',
  'learningRate',
  'batchSize',
  'epochs',
  'momentum',
  'nesterov',
  'maxIter',
  'tol',
  'nIterNoChange',
  'seed',
] as const satisfies readonly (keyof MlpOptions)[];

/** The MLP plugin as the registry sees it, plus `load` with option overrides. */
export interface MlpPlugin extends ClassifierPlugin<MlpOptions> {
  create(options: MlpOptions): MlpClassifier;
  /**
   * Rebuild a saved model. Its training settings come from the artifact (hiddenUnits from the
   * weights), everything else from the plugin's defaults, and `overrides` win over both
   * (e.g. `{ warmStart: true, epochs: 5 }`).
   */
  load(artifact: ModelArtifact, overrides?: Partial<MlpOptions>): Promise<MlpClassifier>;
}

/** A one-hidden-layer perceptron (scikit-learn MLPClassifier's loss) as a digitlab classifier plugin. */
export function mlp(defaults: Partial<MlpOptions> = {}): MlpPlugin {
  const base = mlpOptionsSchema().safeParse({ ...DEFAULT_OPTIONS, ...defaults });
  if (!base.success) {
    throw new PluginOptionsError(
      PLUGIN_NAME,
      base.error.issues.map((i) => `defaults.${i.path.join('.')}: ${i.message}`),
    );
  }
  const options = mlpOptionsSchema(base.data);
  return {
    name: PLUGIN_NAME,
    description:
      'One-hidden-layer perceptron (ReLU, softmax, L2; scikit-learn MLPClassifier loss) on TensorFlow.js, adam/sgd/lbfgs',
    options,
    create: (validated) => new MlpClassifier(PLUGIN_NAME, validated),
    async load(artifact, overrides = {}) {
      if (artifact.plugin !== PLUGIN_NAME) {
        throw new ArtifactError(
          `expected a model saved by the '${PLUGIN_NAME}' plugin, found one saved by '${artifact.plugin}'`,
        );
      }
      const weights = decodeLayersModel(artifact.files, artifact.metadata);
      const saved = artifact.metadata.training ?? {};
      const training: Record<string, unknown> = {};
      for (const key of TRAINING_KEYS) {
        // A saved setting this version no longer accepts falls back to the default.
        if (key in saved && options.shape[key].safeParse(saved[key]).success) {
          training[key] = saved[key];
        }
      }
      training.hiddenUnits = weights.hiddenUnits;
      const parsed = options.safeParse({ ...training, ...overrides });
      if (!parsed.success) {
        throw new PluginOptionsError(
          PLUGIN_NAME,
          parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`),
        );
      }
      return new MlpClassifier(PLUGIN_NAME, parsed.data, {
        weights,
        metadata: artifact.metadata,
      });
    },
  };
}
