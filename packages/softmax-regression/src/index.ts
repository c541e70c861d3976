// Runs in browsers: nothing here imports a Node module. Worker threads and the wasm backend come
// with '@digitlab/softmax-regression/node'.
export { NotFittedError } from '@digitlab/core';
export {
  type CompressedRows,
  compressRows,
  countNonzeros,
  LAYOUT_CHOICES,
  type Layout,
  type LayoutChoice,
  MAX_COMPRESSED_COLUMNS,
} from '@digitlab/kernels';
export {
  BackendInitError,
  MODEL_JSON,
  PREDICT_CHUNK_ROWS,
  WEIGHTS_BIN,
} from '@digitlab/tfjs-backend/browser';
export type { FullBatchObjective, LocalObjective, ObjectiveData } from './gradient-objective.js';
export { decodeLayersModel, encodeLayersModel } from './layers-model.js';
export {
  chooseLayout,
  type LayoutDecision,
  type LayoutInput,
  SPARSE_DENSITY_LIMIT,
} from './layout.js';
export { createLocalObjective } from './local-objective.js';
export type { ObjectiveSums } from './objective-sums.js';
export {
  DEFAULT_LEARNING_RATES,
  DEFAULT_OPTIONS,
  MAX_WORKERS,
  SCHEDULES,
  type ScheduleName,
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
export {
  PLUGIN_NAME,
  type SoftmaxRegressionClassifier,
  type SoftmaxRegressionPlugin,
  softmaxRegression,
} from './plugin.js';
export {
  type DenseLayout,
  denseLayoutFor,
  type ObjectiveEvaluation,
  SoftmaxObjective,
  type SoftmaxObjectiveData,
} from './softmax-objective.js';
export type { SoftmaxRegressionMethods } from './softmax-regression-definition.js';
export { softmaxKernelSupported } from './sparse/softmax-kernel.js';
export { type SparseObjectiveData, SparseSoftmaxObjective } from './sparse/sparse-objective.js';
