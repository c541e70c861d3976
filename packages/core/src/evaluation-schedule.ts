/**
 * When held-out evaluation runs during a fit: `'auto'` by time (see `AUTO_SCHEDULE`), a whole
 * number n ≥ 1 after every n-th step, 0 only after the last step. The last step is always evaluated.
 */
export type EvaluationSchedule = number | 'auto';

/**
 * The `'auto'` schedule: evaluate the first step (a first matrix as early as training allows), then
 * whenever the last evaluation is older than `intervalMs` and evaluating again keeps all evaluation
 * within `share` of the fit time so far (judged from the last evaluation's cost). Fast runs refresh
 * about every `intervalMs`; a costly evaluation (k-NN's) waits until training has earned it.
 * Tuned so the notebook run (168 L-BFGS iterations of 3–7 ms, 10,000 test images in ~13 ms, the
 * first, cold, in ~40 ms) refreshes at least as often as the old fixed 'every 10 iterations', which
 * spent up to half its fit time evaluating; 100 ms and 25 % gave it a third as many refreshes.
 */
export const AUTO_SCHEDULE = { intervalMs: 20, share: 0.5 } as const;

/** What has been evaluated so far in a fit, for the schedule to judge the next step by. */
export interface EvaluationHistory {
  readonly count: number;
  /** When the last evaluation ended (performance.now() ms). */
  readonly lastEndMs: number;
  /** How long the last evaluation took, and all of them together (ms). */
  readonly lastCostMs: number;
  readonly totalCostMs: number;
}

/** The history before any evaluation. */
export const NO_EVALUATIONS: EvaluationHistory = {
  count: 0,
  lastEndMs: Number.NEGATIVE_INFINITY,
  lastCostMs: 0,
  totalCostMs: 0,
};

/** The moment a step ends: wall time and fit time so far (evaluation excluded), both in ms. */
export interface ScheduleClock {
  readonly nowMs: number;
  readonly fitMs: number;
}

/** Whether step `step` should be evaluated under `schedule` (pure: no clock of its own). */
export function evaluationDue(
  schedule: EvaluationSchedule,
  step: number,
  final: boolean,
  history: EvaluationHistory,
  clock: ScheduleClock,
): boolean {
  if (final) return true;
  if (schedule !== 'auto') return schedule > 0 && step % schedule === 0;
  if (history.count === 0) return true;
  if (clock.nowMs - history.lastEndMs < AUTO_SCHEDULE.intervalMs) return false;
  return history.totalCostMs + history.lastCostMs <= AUTO_SCHEDULE.share * clock.fitMs;
}

/** The history after one more evaluation that ended at `endMs` and took `costMs`. */
export function afterEvaluation(
  history: EvaluationHistory,
  endMs: number,
  costMs: number,
): EvaluationHistory {
  return {
    count: history.count + 1,
    lastEndMs: endMs,
    lastCostMs: costMs,
    totalCostMs: history.totalCostMs + costMs,
  };
}
