import { type DefinedClassifier, type DefinedPlugin, defineClassifier } from '@digitlab/core';
import { activateBackend } from '@digitlab/tfjs-backend';
import { hiddenUnitFilters } from './hidden-unit-filters.js';
import { decodeLayersModel, encodeLayersModel } from './layers-model.js';
import type { MlpWeights } from './mlp-parameters.js';
import { type MlpOptions, mlpOptionsSchema } from './options.js';
import { predictClasses, predictProbabilities } from './predict-rows.js';
import { trainMlp } from './train-mlp.js';

/** The plugin's name, as saved models and the registry know it. */
export const PLUGIN_NAME = 'mlp';

/** What an MLP classifier adds to the driver's methods. */
export interface MlpMethods {
  /** The current weights (copies): kernels row-major, as the saved Dense layers hold them. */
  getWeights(): MlpWeights;
}

/** An MLP classifier: core's fit driver running this plugin, plus `getWeights()`. */
export type MlpClassifier = DefinedClassifier<MlpOptions, MlpWeights> & MlpMethods;

/**
 * The MLP plugin as the registry sees it. `load(artifact, overrides)` takes the training settings
 * from the artifact (hiddenUnits from the weights), the rest from the plugin's defaults, and
 * `overrides` win over both (e.g. `{ warmStart: true, epochs: 5 }`).
 */
export type MlpPlugin = DefinedPlugin<MlpOptions, MlpWeights, MlpMethods>;

/** A one-hidden-layer perceptron (scikit-learn MLPClassifier's loss) as a digitlab classifier plugin. */
export const mlp: (defaults?: Partial<MlpOptions>) => MlpPlugin = defineClassifier({
  name: PLUGIN_NAME,
  description:
    'One-hidden-layer perceptron (ReLU, softmax, L2; scikit-learn MLPClassifier loss) on compressed sparse rows (WebAssembly SIMD) or TensorFlow.js tensors, adam/sgd/lbfgs',
  options: mlpOptionsSchema(),
  // How a saved model was trained; the backend and the rest are the loading plugin's.
  modelOptions: [
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
  ],
  train: trainMlp,
  async predictProba(weights, features, o) {
    await activateBackend(o.backend);
    return predictProbabilities(weights, features);
  },
  async predict(weights, features, o) {
    await activateBackend(o.backend);
    return predictClasses(weights, features);
  },
  encode: (weights, _options, metadata) => encodeLayersModel(weights, metadata),
  decode: decodeLayersModel,
  impliedOptions: (weights) => ({ hiddenUnits: weights.hiddenUnits }),
  inspect: (weights, { shape }) => (shape ? [hiddenUnitFilters(weights, shape)] : []),
  extend: (classifier) => ({
    getWeights() {
      const w = classifier.requireModel('getWeights');
      return {
        ...w,
        kernel1: w.kernel1.slice(),
        bias1: w.bias1.slice(),
        kernel2: w.kernel2.slice(),
        bias2: w.bias2.slice(),
      };
    },
  }),
});
