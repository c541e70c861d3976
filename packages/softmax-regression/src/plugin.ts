import { type DefinedClassifier, type DefinedPlugin, defineClassifier } from '@digitlab/core';
import { resolveBrowserBackend, useBrowserBackend } from '@digitlab/tfjs-backend/browser';
import { type SoftmaxRegressionOptions, softmaxRegressionOptionsSchema } from './options.js';
import type { DenseWeights } from './parameters.js';
import {
  type SoftmaxRegressionMethods,
  softmaxRegressionDefinition,
} from './softmax-regression-definition.js';

export { PLUGIN_NAME } from './softmax-regression-definition.js';

/** A softmax-regression classifier: core's fit driver plus `coefficients()` and `intercepts()`. */
export type SoftmaxRegressionClassifier = DefinedClassifier<
  SoftmaxRegressionOptions,
  DenseWeights
> &
  SoftmaxRegressionMethods;

/** The plugin as the registry sees it, plus `load(artifact, overrides)` (e.g. `{ warmStart: true }`). */
export type SoftmaxRegressionPlugin = DefinedPlugin<
  SoftmaxRegressionOptions,
  DenseWeights,
  SoftmaxRegressionMethods
>;

/**
 * Multinomial logistic regression (scikit-learn's objective) as a digitlab classifier plugin that
 * trains on the calling thread and runs in browsers: the WebAssembly kernel for compressed rows,
 * and the active TensorFlow.js backend (else cpu) for dense data and prediction. Under Node,
 * `@digitlab/softmax-regression/node` adds gradient worker threads and the wasm backend.
 */
export const softmaxRegression: (
  defaults?: Partial<SoftmaxRegressionOptions>,
) => SoftmaxRegressionPlugin = defineClassifier(
  softmaxRegressionDefinition(
    { resolveBackend: resolveBrowserBackend, useBackend: useBrowserBackend },
    softmaxRegressionOptionsSchema(),
  ),
);
