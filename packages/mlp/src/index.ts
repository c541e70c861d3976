export { BackendInitError, NotFittedError } from './errors.js';
export { glorotBound, glorotUniformParameters } from './glorot-uniform.js';
export {
  decodeLayersModel,
  encodeLayersModel,
  MODEL_JSON,
  WEIGHTS_BIN,
} from './layers-model.js';
export { MlpClassifier, type RestoredModel } from './mlp-classifier.js';
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
export { type MlpPlugin, mlp, PLUGIN_NAME } from './plugin.js';
export { PREDICT_CHUNK_ROWS, predictClasses, predictProbabilities } from './predict-rows.js';
export { reluBackward } from './relu-backward.js';
