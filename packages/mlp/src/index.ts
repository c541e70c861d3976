export { NotFittedError } from '@digitlab/core';
export {
  BackendInitError,
  MODEL_JSON,
  PREDICT_CHUNK_ROWS,
  WEIGHTS_BIN,
} from '@digitlab/tfjs-backend';
export { glorotBound, glorotUniformParameters } from './glorot-uniform.js';
export { hiddenUnitFilters, MAX_FILTERS } from './hidden-unit-filters.js';
export { decodeLayersModel, encodeLayersModel } from './layers-model.js';
export {
  MlpObjective,
  type MlpObjectiveData,
  OBJECTIVE_CHUNK_ROWS,
} from './mlp-objective.js';
export {
  type MlpShape,
  type MlpWeights,
  type ParameterOffsets,
  parameterCount,
  parameterOffsets,
  parametersFromWeights,
  weightsFromParameters,
} from './mlp-parameters.js';
export {
  assembleObjective,
  type ObjectiveEvaluation,
  type ObjectiveSums,
} from './objective-terms.js';
export {
  DEFAULT_OPTIONS,
  type MlpOptions,
  mlpOptionsSchema,
  SOLVERS,
  type Solver,
} from './options.js';
export {
  type MlpClassifier,
  type MlpMethods,
  type MlpPlugin,
  mlp,
  PLUGIN_NAME,
} from './plugin.js';
export { predictClasses, predictProbabilities } from './predict-rows.js';
export { reluBackward } from './relu-backward.js';
