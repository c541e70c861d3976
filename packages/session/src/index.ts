export { SamplingError } from './errors.js';
export { type EvaluationCount, evaluationProgress } from './evaluation-progress.js';
export { CONFUSED_PAIRS_KEPT, summarizeEvaluation } from './evaluation-summary.js';
export { createBatcher, type StopBatching } from './event-batcher.js';
export {
  type DataRequest,
  drawTrainingSet,
  loadTrainingData,
  type Sampling,
  type TrainingData,
} from './load-training-data.js';
export { MISTAKES_KEPT, pickMistakes } from './pick-mistakes.js';
export type {
  ClassScores,
  ConfusedPairSummary,
  EvaluationProgress,
  EvaluationSummary,
  FitOutcome,
  Mistake,
  MistakeSample,
  ModelImages,
  ProgressPoint,
  SessionEvent,
  SessionInfo,
} from './session-events.js';
export type {
  HeldOutProbabilities,
  HistoryPoint,
  ReportWriter,
  ReportWritten,
  SessionSnapshot,
} from './session-snapshot.js';
export {
  errorMessage,
  type LiveImagesOptions,
  type SessionControls,
  type SessionResult,
  TrainingSession,
  type TrainingSessionConfig,
} from './training-session.js';
export { unitWord } from './unit-word.js';
