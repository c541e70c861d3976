export { main } from './cli/main.js';
export type { DashboardAction } from './components/dashboard/dashboard-action.js';
export {
  type DashboardState,
  dashboardReducer,
  initialDashboardState,
  type TerminalSize,
} from './components/dashboard/use-dashboard-state.js';
export { PluginLoadError, UsageError } from './errors.js';
export { builtinPlugins, createAppRegistry, DEFAULT_CLASSIFIER } from './plugins.js';
export { summarizeEvaluation } from './training/evaluation-summary.js';
export {
  type DataRequest,
  drawTrainingSet,
  loadTrainingData,
  type Sampling,
  type TrainingData,
} from './training/load-training-data.js';
export type {
  ClassScores,
  ConfusedPairSummary,
  EvaluationSummary,
  FitOutcome,
  MemorySample,
  ProgressPoint,
  SessionEvent,
  SessionInfo,
} from './training/session-events.js';
export {
  type SessionControls,
  type SessionResult,
  TrainingSession,
  type TrainingSessionConfig,
} from './training/training-session.js';
