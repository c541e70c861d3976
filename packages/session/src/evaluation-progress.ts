import type { EvaluationProgress } from './session-events.js';

/** What an evaluating event says: the step, samples predicted of the total, and the time so far. */
export interface EvaluationCount {
  readonly step: number;
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
}

/**
 * How far a held-out evaluation has got, with its rate (samples per second so far) and the seconds
 * left at that rate, so every front end shows the same numbers. Without measured time or samples
 * there is no rate, and no ETA.
 */
export function evaluationProgress({
  step,
  done,
  total,
  elapsedMs,
}: EvaluationCount): EvaluationProgress {
  const progress = { step, done, total, elapsedMs };
  if (!(done > 0 && elapsedMs > 0)) return progress;
  const samplesPerSecond = done / (elapsedMs / 1000);
  return {
    ...progress,
    samplesPerSecond,
    etaSeconds: Math.max(0, total - done) / samplesPerSecond,
  };
}
