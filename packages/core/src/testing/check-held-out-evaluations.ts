import type { Dataset } from '@digitlab/datasets';
import type { HeldOutEvaluation, TrainingEvent } from '../training-event.js';
import { ConformanceError, failCheck } from './conformance-error.js';
import { describeValue } from './describe-value.js';

const CHECK = 'held-out evaluation';

/**
 * Check the evaluations of a fit run with `evaluate: { data, every: 1 }`: every progress event
 * carries one for its own step, each predicts every held-out sample with a class in [0, k) and
 * reports the accuracy of those predictions, and the end result carries the last one.
 */
export function checkHeldOutEvaluations(events: readonly TrainingEvent[], data: Dataset): void {
  let last: HeldOutEvaluation | undefined;
  for (const event of events) {
    if (event.type !== 'progress') continue;
    if (event.evaluation === undefined) {
      throw new ConformanceError(
        CHECK,
        `expected an evaluation on every progress event with every = 1, found none at step ${event.step}`,
      );
    }
    checkEvaluation(event.evaluation, data, `progress step ${event.step}`);
    if (event.evaluation.step !== event.step) {
      throw new ConformanceError(
        CHECK,
        `expected evaluation.step ${event.step} (its progress event's step), found ${describeValue(event.evaluation.step)}`,
      );
    }
    last = event.evaluation;
  }
  const end = events.find((e) => e.type === 'end');
  if (end?.type !== 'end') return;
  const final = end.result.evaluation;
  if (final === undefined) {
    throw new ConformanceError(
      CHECK,
      'expected the end result to carry the last held-out evaluation (FitResult.evaluation), found none',
    );
  }
  checkEvaluation(final, data, 'end result');
  if (last !== undefined && final.step !== last.step) {
    throw new ConformanceError(
      CHECK,
      `expected the end result's evaluation to be the last one (step ${last.step}), found step ${describeValue(final.step)}`,
    );
  }
}

function checkEvaluation(e: HeldOutEvaluation, data: Dataset, where: string): void {
  const fail = failCheck(CHECK, where);
  const n = data.numSamples;
  const k = data.numClasses;
  if (!(e.predictions instanceof Int32Array) || e.predictions.length !== n)
    fail(
      `expected predictions to be an Int32Array of ${n} (one per held-out sample), found ${describeValue(e.predictions)}`,
    );
  if (e.labels?.length !== n)
    fail(`expected ${n} labels aligned with the predictions, found ${describeValue(e.labels)}`);
  if (e.numClasses !== k) fail(`expected numClasses ${k}, found ${describeValue(e.numClasses)}`);
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const p = e.predictions[i] as number;
    if (p < 0 || p >= k) fail(`expected predicted classes in [0, ${k}), found ${p} at sample ${i}`);
    if (p === data.labels[i]) correct++;
  }
  const accuracy = n === 0 ? 0 : correct / n;
  if (typeof e.accuracy !== 'number' || Math.abs(e.accuracy - accuracy) > 1e-9)
    fail(
      `expected accuracy ${accuracy} (${correct} of ${n} predictions correct), found ${describeValue(e.accuracy)}`,
    );
  if (!(e.elapsedMs >= 0)) fail(`expected elapsedMs ≥ 0, found ${describeValue(e.elapsedMs)}`);
}
