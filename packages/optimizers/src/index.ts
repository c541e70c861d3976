export {
  DimensionMismatchError,
  InvalidArgumentError,
  NonFiniteError,
  ObjectiveOutputError,
  OptimizerError,
  OptimizerStateError,
} from './errors.js';
export { finiteDifferenceGradient } from './finite-difference-gradient.js';
export { formatNumber } from './format-number.js';
export { lbfgs } from './lbfgs/lbfgs.js';
export {
  LBFGS_DEFAULTS,
  type LbfgsOptions,
} from './lbfgs/lbfgs-options.js';
export type { IterationProgress, OptimizeResult } from './lbfgs/lbfgs-result.js';
export { LBFGS_STATE_VERSION, type LbfgsState } from './lbfgs/lbfgs-state.js';
export { minimizeLbfgs } from './lbfgs/minimize-lbfgs.js';
export {
  type LineFunction,
  type LineSample,
  type LineSearchOptions,
  type LineSearchResult,
  type LineSearchStatus,
  LineSearchStatuses,
  strongWolfeLineSearch,
} from './line-search/strong-wolfe-line-search.js';
export type { MiniBatchObjective, Objective, ObjectiveOutput } from './objective.js';
export type { ObjectiveEvaluation, ObjectiveSums } from './objective-sums.js';
export { type LbfgsStepsOptions, lbfgsSteps } from './solver-steps/lbfgs-steps.js';
export type {
  SolverHooks,
  SolverOutcome,
  SolverState,
  SolverStep,
  SolverStopReason,
  TrainingEvaluation,
  TrainingObjective,
} from './solver-steps/solver-step.js';
export {
  type StochasticConvergence,
  type StochasticStepsOptions,
  stochasticSteps,
} from './solver-steps/stochastic-steps.js';
export {
  type ModelOutcome,
  type ModelStep,
  type TrainingStepsOptions,
  trainingSteps,
} from './solver-steps/training-steps.js';
export {
  ADAM_DEFAULT_LEARNING_RATE,
  type AdamOptions,
  adam,
  minimizeAdam,
} from './stochastic/adam.js';
export {
  type AdamEngine,
  type AdamStepConstants,
  adamStepConstants,
} from './stochastic/adam-engine.js';
export type { AdamRuleOptions } from './stochastic/adam-rule.js';
export { epochPermutation } from './stochastic/epoch-permutation.js';
export type { EpochProgress, StochasticResult } from './stochastic/epoch-progress.js';
export {
  type AdaptiveScheduleState,
  type LearningRateSchedule,
  LearningRateScheduleTypes,
  learningRateAt,
  type SchedulePosition,
  updateAdaptiveSchedule,
} from './stochastic/learning-rate-schedule.js';
export { minimizeSgd, SGD_DEFAULT_LEARNING_RATE, type SgdOptions, sgd } from './stochastic/sgd.js';
export type { SgdRuleOptions } from './stochastic/sgd-rule.js';
export {
  type PatienceOptions,
  STOCHASTIC_DEFAULTS,
  type StochasticOptions,
  type ValidationOptions,
} from './stochastic/stochastic-options.js';
export {
  type AdamBuffers,
  type AdamState,
  type SavedNoImprovement,
  type SavedValidation,
  type SgdBuffers,
  type SgdState,
  STOCHASTIC_STATE_VERSION,
  type StochasticState,
} from './stochastic/stochastic-state.js';
export { type LbfgsStopReason, type StochasticStopReason, StopReason } from './stop-reason.js';
export { sameVector } from './vector-ops.js';
