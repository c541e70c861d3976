import type { Dataset } from '@digitlab/datasets';
import type { EvaluateOptions } from './classifier.js';
import { ClassifierInputError } from './errors.js';
import {
  afterEvaluation,
  type EvaluationHistory,
  evaluationDue,
  NO_EVALUATIONS,
} from './evaluation-schedule.js';
import type { EvaluatedSet, EvaluatingEvent, HeldOutEvaluation } from './training-event.js';
import { validateFeatures } from './validate-features.js';

/** Rows of the first batch of an evaluation; later batches are sized by the measured rate. */
export const FIRST_BATCH_ROWS = 128;
/** What later batches aim to take, so progress moves a few times a second. */
export const BATCH_TARGET_MS = 200;
/** Evaluations shorter than this report no progress of their own: the result follows at once. */
export const QUIET_EVALUATION_MS = 50;

/** Decides when held-out data is evaluated during fit, predicts it in batches, times it apart. */
export interface HeldOutEvaluator {
  /**
   * Whether step `step` should be evaluated (`final` marks the last step of training). `fitMs` is
   * the fit time so far, for the `'auto'` schedule; without it, the time since the evaluator was
   * made less the time spent evaluating stands in.
   */
  due(step: number, final?: boolean, fitMs?: number): boolean;
  /** Predict the held-out set with the current parameters. */
  run(step: number): Promise<HeldOutEvaluation>;
  /**
   * The same, batch by batch: yields an `evaluating` event after each batch once the evaluation
   * has run for `QUIET_EVALUATION_MS`, and returns the finished evaluation. Time spent suspended
   * at a yield is not evaluation time.
   */
  batches(step: number): AsyncGenerator<EvaluatingEvent, HeldOutEvaluation, undefined>;
  /** Total milliseconds spent evaluating so far (to subtract from fit time). */
  readonly elapsedMs: number;
}

/**
 * Build an evaluator for `fit(train, { evaluate })`; returns undefined when no evaluation was asked.
 * `predict` maps row-major features to class indices using the classifier's current parameters.
 * The held-out features are checked once, here, before training starts (so bad data fails the fit
 * at once); `predict` need not check them again at every evaluation.
 */
export function createHeldOutEvaluator(
  evaluate: EvaluateOptions | undefined,
  numFeatures: number,
  predict: (features: Float32Array) => Promise<Int32Array>,
): HeldOutEvaluator | undefined {
  if (!evaluate) return undefined;
  const { data, every = 'auto' } = evaluate;
  if (every !== 'auto' && (!Number.isInteger(every) || every < 0)) {
    throw new ClassifierInputError(
      `evaluate.every: expected 'auto' or an integer ≥ 0 (0: only at the end), found ${every}`,
    );
  }
  if (data.numFeatures !== numFeatures) {
    throw new ClassifierInputError(
      `evaluate.data: expected ${numFeatures} features per sample (as the training data), found ${data.numFeatures} in '${data.name}' ${data.split}`,
    );
  }
  validateFeatures(data.features, numFeatures, `evaluate.data '${data.name}' ${data.split}`);
  const created = performance.now();
  const n = data.numSamples;
  let history: EvaluationHistory = NO_EVALUATIONS;
  let last = -1;
  const evaluator: HeldOutEvaluator = {
    due(step, final = false, fitMs) {
      if (step === last) return false;
      const nowMs = performance.now();
      const fit = fitMs ?? nowMs - created - history.totalCostMs;
      return evaluationDue(every, step, final, history, { nowMs, fitMs: fit });
    },
    async run(step) {
      const batches = evaluator.batches(step);
      for (;;) {
        const next = await batches.next();
        if (next.done) return next.value;
      }
    },
    async *batches(step) {
      const { predictions, elapsedMs: spent } = yield* predictInBatches(
        data,
        numFeatures,
        predict,
        step,
        'held-out',
      );
      let correct = 0;
      for (let i = 0; i < n; i++) if (predictions[i] === data.labels[i]) correct++;
      history = afterEvaluation(history, performance.now(), spent);
      last = step;
      return {
        step,
        predictions,
        labels: data.labels,
        numClasses: data.numClasses,
        accuracy: n === 0 ? 0 : correct / n,
        elapsedMs: spent,
      };
    },
    get elapsedMs() {
      return history.totalCostMs;
    },
  };
  return evaluator;
}

/**
 * Predict `data` batch by batch: a first batch of `FIRST_BATCH_ROWS`, then batches sized by the
 * rate so far to take about `BATCH_TARGET_MS`; after each batch but the last, once
 * `QUIET_EVALUATION_MS` have been spent, yield an `evaluating` event of `set`. Returns all the
 * predictions and the time spent predicting (time suspended at a yield excluded).
 */
export async function* predictInBatches(
  data: Dataset,
  numFeatures: number,
  predict: (features: Float32Array) => Promise<Int32Array>,
  step: number,
  set: EvaluatedSet,
): AsyncGenerator<EvaluatingEvent, { predictions: Int32Array; elapsedMs: number }, undefined> {
  const n = data.numSamples;
  const predictions = new Int32Array(n);
  let spent = 0;
  let done = 0;
  let rows = Math.min(n, FIRST_BATCH_ROWS);
  while (done < n) {
    const start = performance.now();
    const batch = data.features.subarray(done * numFeatures, (done + rows) * numFeatures);
    predictions.set(await predict(batch), done);
    spent += performance.now() - start;
    done += rows;
    const perRow = spent / done;
    rows = Math.min(n - done, Math.max(FIRST_BATCH_ROWS, Math.round(BATCH_TARGET_MS / perRow)));
    if (done < n && spent >= QUIET_EVALUATION_MS) {
      yield {
        type: 'evaluating',
        set,
        step,
        done,
        total: n,
        predictions: predictions.subarray(0, done),
        labels: data.labels,
        numClasses: data.numClasses,
        elapsedMs: spent,
      };
    }
  }
  return { predictions, elapsedMs: spent };
}
