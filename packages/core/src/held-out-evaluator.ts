import type { EvaluateOptions } from './classifier.js';
import { ClassifierInputError } from './errors.js';
import type { HeldOutEvaluation } from './training-event.js';
import { validateFeatures } from './validate-features.js';

/** Decides when a plugin evaluates on held-out data during fit, and times it apart from fitting. */
export interface HeldOutEvaluator {
  /** Whether step `step` should be evaluated (`final` marks the last step of training). */
  due(step: number, final?: boolean): boolean;
  /** Predict the held-out set with the current parameters. */
  run(step: number): Promise<HeldOutEvaluation>;
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
  const { data, every } = evaluate;
  if (!Number.isInteger(every) || every < 1) {
    throw new ClassifierInputError(`evaluate.every: expected an integer ≥ 1, found ${every}`);
  }
  if (data.numFeatures !== numFeatures) {
    throw new ClassifierInputError(
      `evaluate.data: expected ${numFeatures} features per sample (as the training data), found ${data.numFeatures} in '${data.name}' ${data.split}`,
    );
  }
  validateFeatures(data.features, numFeatures, `evaluate.data '${data.name}' ${data.split}`);
  let total = 0;
  let last = -1;
  return {
    due(step, final = false) {
      return step !== last && (final || step % every === 0);
    },
    async run(step) {
      const start = performance.now();
      const predictions = await predict(data.features);
      let correct = 0;
      for (let i = 0; i < predictions.length; i++) if (predictions[i] === data.labels[i]) correct++;
      const elapsedMs = performance.now() - start;
      total += elapsedMs;
      last = step;
      return {
        step,
        predictions,
        labels: data.labels,
        numClasses: data.numClasses,
        accuracy: predictions.length === 0 ? 0 : correct / predictions.length,
        elapsedMs,
      };
    },
    get elapsedMs() {
      return total;
    },
  };
}
