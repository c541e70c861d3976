export { BackendInitError, NotFittedError } from './errors.js';
export {
  decodeLayersModel,
  encodeLayersModel,
  MODEL_JSON,
  WEIGHTS_BIN,
} from './layers-model.js';
export {
  DEFAULT_OPTIONS,
  SOLVERS,
  type SoftmaxRegressionOptions,
  type Solver,
  softmaxRegressionOptionsSchema,
} from './options.js';
export {
  coefficientsFromKernel,
  type DenseWeights,
  parameterCount,
  parametersFromWeights,
  weightsFromParameters,
} from './parameters.js';
export { PLUGIN_NAME, type SoftmaxRegressionPlugin, softmaxRegression } from './plugin.js';
export { PREDICT_CHUNK_ROWS } from './predict-rows.js';
export {
  type DenseLayout,
  denseLayoutFor,
  type ObjectiveEvaluation,
  SoftmaxObjective,
  type SoftmaxObjectiveData,
} from './softmax-objective.js';
export {
  type RestoredModel,
  SoftmaxRegressionClassifier,
} from './softmax-regression-classifier.js';
