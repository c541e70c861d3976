export { BackendInitError, NotFittedError } from './errors.js';
export type { FullBatchObjective, LocalObjective, ObjectiveData } from './gradient-objective.js';
export {
  decodeLayersModel,
  encodeLayersModel,
  MODEL_JSON,
  WEIGHTS_BIN,
} from './layers-model.js';
export {
  chooseLayout,
  LAYOUT_CHOICES,
  type Layout,
  type LayoutChoice,
  type LayoutDecision,
  type LayoutInput,
  SPARSE_DENSITY_LIMIT,
} from './layout.js';
export { createLocalObjective } from './local-objective.js';
export type { ObjectiveSums } from './objective-sums.js';
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
export {
  type CompressedRows,
  compressRows,
  countNonzeros,
  MAX_COMPRESSED_COLUMNS,
} from './sparse/compressed-rows.js';
export { softmaxKernelSupported } from './sparse/softmax-kernel.js';
export { type SparseObjectiveData, SparseSoftmaxObjective } from './sparse/sparse-objective.js';
