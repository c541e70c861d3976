import type { HistoryPoint } from './report-input.js';

/**
 * history.jsonl: one JSON object per progress event, in order, as `digitlab train --json` writes
 * its progress lines (snake_case, null for what the run did not report), with the held-out
 * accuracy of the steps where it was evaluated. Empty for no history.
 */
export function historyLines(points: readonly HistoryPoint[]): string {
  return points
    .map((p) =>
      JSON.stringify({
        type: 'progress',
        step: p.step,
        total: p.total ?? null,
        evaluations: p.evaluations ?? null,
        objective: finiteOrNull(p.objective),
        gradient_norm: finiteOrNull(p.gradientNorm),
        train_accuracy: finiteOrNull(p.trainAccuracy),
        test_accuracy: finiteOrNull(p.testAccuracy),
        elapsed_ms: p.elapsedMs ?? null,
        ...(p.message === undefined ? {} : { message: p.message }),
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}

// JSON has no NaN or Infinity: a diverged objective is written as null rather than breaking the line.
function finiteOrNull(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : value;
}
