export type { Classifier, EvaluateOptions, FitOptions } from './classifier.js';
export type {
  ClassifierDefinition,
  InspectContext,
  ModelFiles,
  OptionsSchema,
} from './classifier-definition.js';
export {
  assertClassifierPlugin,
  type ClassifierPlugin,
  createClassifier,
  parsePluginOptions,
} from './classifier-plugin.js';
export { type DefinedPlugin, defineClassifier, type PluginFactory } from './define-classifier.js';
export { type Algorithm, DefinedClassifier } from './defined-classifier.js';
export {
  describeOptions,
  type OptionDescription,
  type OptionGroup,
  type OptionMeta,
} from './describe-options.js';
export {
  ArtifactError,
  ClassifierInputError,
  DigitlabError,
  DuplicatePluginError,
  InvalidPluginError,
  NotFittedError,
  PluginOptionsError,
  UnknownPluginError,
} from './errors.js';
export {
  AUTO_SCHEDULE,
  afterEvaluation,
  type EvaluationHistory,
  type EvaluationSchedule,
  evaluationDue,
  NO_EVALUATIONS,
  type ScheduleClock,
} from './evaluation-schedule.js';
export {
  CHECKPOINT_ARRAYS_FILE,
  CHECKPOINT_EVERY_SECONDS,
  CHECKPOINT_FILE,
  CHECKPOINT_FORMAT_VERSION,
  type CheckpointOptions,
  checkpointFromArtifact,
  checkpointToArtifact,
  type FitCheckpoint,
} from './fit-checkpoint.js';
export { fitToEnd } from './fit-to-end.js';
export {
  BATCH_TARGET_MS,
  createHeldOutEvaluator,
  FIRST_BATCH_ROWS,
  type HeldOutEvaluator,
  predictInBatches,
  QUIET_EVALUATION_MS,
} from './held-out-evaluator.js';
export { type ImageScale, type ImageSet, imagesOfRows, type LabelledImage } from './image-set.js';
export { decodeJsonFile, encodeJsonFile } from './json-model-file.js';
export { ARTIFACT_FORMAT_VERSION, MANIFEST_FILE, type ModelArtifact } from './model-artifact.js';
export {
  type ModelMetadata,
  type PreprocessingStepJson,
  preprocessingFromJson,
  preprocessingToJson,
  validateModelMetadata,
} from './model-metadata.js';
export {
  countOption,
  momentumOption,
  seedOption,
  trainAccuracyEveryOption,
  warmStartOption,
} from './option-schemas.js';
export { parseArtifactJson } from './parse-artifact-json.js';
export { createRegistry, type PluginRegistry } from './registry.js';
export { Stopwatch } from './stopwatch.js';
export type {
  TrainContext,
  Trainer,
  TrainingEnd,
  TrainingStep,
  TrainingSteps,
} from './trainer.js';
export type {
  EndEvent,
  EvaluatedSet,
  EvaluatingEvent,
  FitResult,
  HeldOutEvaluation,
  ProgressEvent,
  ProgressUnit,
  StartEvent,
  StopReason,
  TrainingEvent,
} from './training-event.js';
export { validateFeatures } from './validate-features.js';
export {
  scoreDataset,
  type TrainingDataRequirements,
  validateTrainingData,
} from './validate-training-data.js';
