import type { EvaluationProgress } from '@digitlab/session';

/** How often a log line reports an evaluation in progress, at most. */
export const EVALUATING_LINE_INTERVAL_MS = 1000;

/**
 * For line-based output (plain, JSON lines): whether an evaluation's progress deserves a line. An
 * evaluation gets its first once it has run `intervalMs`, then one per `intervalMs` at most, timed
 * by its own clock (`elapsedMs`), so a short evaluation prints none and a batch is never a line.
 */
export function createEvaluationThrottle(
  intervalMs: number = EVALUATING_LINE_INTERVAL_MS,
): (progress: EvaluationProgress) => boolean {
  let step: number | undefined;
  let lastElapsed = Number.POSITIVE_INFINITY;
  let next = intervalMs;
  return (progress) => {
    // A new evaluation: another step, or the same step's clock started again.
    if (progress.step !== step || progress.elapsedMs < lastElapsed) next = intervalMs;
    step = progress.step;
    lastElapsed = progress.elapsedMs;
    if (progress.elapsedMs < next) return false;
    next = (Math.floor(progress.elapsedMs / intervalMs) + 1) * intervalMs;
    return true;
  };
}
