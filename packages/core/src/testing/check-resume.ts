import type { FitResult } from '../training-event.js';
import { type ClassifierOutputs, checkSameOutputs } from './check-round-trip.js';
import { ConformanceError } from './conformance-error.js';
import { describeValue } from './describe-value.js';

/** A fit's end and what its model predicts on the held-out data. */
export interface FitEnd {
  readonly result: FitResult;
  readonly outputs: ClassifierOutputs;
}

/**
 * Check that a fit interrupted at a checkpoint and resumed from it ended as the uninterrupted fit
 * did: the same steps and stop reason, the objective equal to 1e-9 relative, the same predictions
 * and probabilities (±1e-6).
 */
export function checkResumedLikeUninterrupted(uninterrupted: FitEnd, resumed: FitEnd): void {
  const what = 'checkpoint and resume';
  const a = uninterrupted.result;
  const b = resumed.result;
  if (b.steps !== a.steps || b.stopReason !== a.stopReason) {
    throw new ConformanceError(
      what,
      `expected the resumed fit to end as the uninterrupted one, after ${a.steps} steps with stop reason ${describeValue(a.stopReason)}, found ${b.steps} steps and ${describeValue(b.stopReason)}`,
    );
  }
  if (a.objective !== undefined) {
    const scale = Math.max(Math.abs(a.objective), Number.MIN_VALUE);
    if (b.objective === undefined || !(Math.abs(b.objective - a.objective) / scale <= 1e-9)) {
      throw new ConformanceError(
        what,
        `expected the resumed fit's objective ${a.objective} (the uninterrupted fit's, to 1e-9 relative), found ${describeValue(b.objective)}`,
      );
    }
  }
  checkSameOutputs(uninterrupted.outputs, resumed.outputs);
}
