export { AsyncQueue } from './async-queue.js';
export { TrialError, TuningInputError } from './errors.js';
export { bestIndex, meanAndStd } from './fold-statistics.js';
export { expandGrid, formatParams, formatValue, type Grid, type Setting } from './grid.js';
export { type GridOption, parseGridValues } from './grid-values.js';
export { planTasks, type TaskPlan, type TrialTask } from './task-plan.js';
export {
  createFoldData,
  inThreadRunner,
  runTrialTask,
  type TrialEvent,
  type TrialRunner,
  type TuningJob,
} from './trial-runner.js';
export { DEFAULT_FOLDS, type TuneConfig, tune } from './tune.js';
export type {
  Refit,
  SettingScore,
  SettingScored,
  TuningEvent,
  TuningResult,
  TuningStarted,
} from './tuning-event.js';
