import {
  ArtifactError,
  type ClassifierPlugin,
  type ModelArtifact,
  PluginOptionsError,
} from '@digitlab/core';
import { decodeLayersModel } from './layers-model.js';
import {
  DEFAULT_OPTIONS,
  type SoftmaxRegressionOptions,
  softmaxRegressionOptionsSchema,
} from './options.js';
import { SoftmaxRegressionClassifier } from './softmax-regression-classifier.js';

/** The plugin's name, as saved models and the registry know it. */
export const PLUGIN_NAME = 'softmax-regression';

// Settings that describe how a saved model was trained; the backend and the rest are the loader's.
const TRAINING_KEYS = [
  'C',
  'solver',
  'maxIter',
  'tol',
  'm',
  'learningRate',
  'batchSize',
  'epochs',
  'momentum',
  'seed',
] as const satisfies readonly (keyof SoftmaxRegressionOptions)[];

/** The softmax-regression plugin as the registry sees it, plus `load` with option overrides. */
export interface SoftmaxRegressionPlugin extends ClassifierPlugin<SoftmaxRegressionOptions> {
  create(options: SoftmaxRegressionOptions): SoftmaxRegressionClassifier;
  /**
   * Rebuild a saved model. Its training settings come from the artifact, everything else from the
   * plugin's defaults, and `overrides` win over both (e.g. `{ warmStart: true, maxIter: 50 }`).
   */
  load(
    artifact: ModelArtifact,
    overrides?: Partial<SoftmaxRegressionOptions>,
  ): Promise<SoftmaxRegressionClassifier>;
}

/** Multinomial logistic regression (scikit-learn's objective) as a digitlab classifier plugin. */
export function softmaxRegression(
  defaults: Partial<SoftmaxRegressionOptions> = {},
): SoftmaxRegressionPlugin {
  const base = softmaxRegressionOptionsSchema().safeParse({ ...DEFAULT_OPTIONS, ...defaults });
  if (!base.success) {
    throw new PluginOptionsError(
      PLUGIN_NAME,
      base.error.issues.map((i) => `defaults.${i.path.join('.')}: ${i.message}`),
    );
  }
  const options = softmaxRegressionOptionsSchema(base.data);
  return {
    name: PLUGIN_NAME,
    description:
      'Multinomial logistic regression (scikit-learn LogisticRegression objective) on TensorFlow.js, lbfgs/sgd/adam',
    options,
    create: (validated) => new SoftmaxRegressionClassifier(PLUGIN_NAME, validated),
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
      const parsed = options.safeParse({ ...training, ...overrides });
      if (!parsed.success) {
        throw new PluginOptionsError(
          PLUGIN_NAME,
          parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`),
        );
      }
      return new SoftmaxRegressionClassifier(PLUGIN_NAME, parsed.data, {
        weights,
        metadata: artifact.metadata,
      });
    },
  };
}
