import type { Dataset } from '@digitlab/datasets';
import type { Classifier } from '../classifier.js';
import type { FitResult, TrainingEvent } from '../training-event.js';
import { checkEventOrder } from './check-event-order.js';
import { checkProbabilities } from './check-probabilities.js';
import { ConformanceError } from './conformance-error.js';
import { describeValue } from './describe-value.js';

/**
 * Check a fit whose signal was aborted right after its first progress event: the stream is still
 * well formed and ends with stop reason 'aborted' before reaching the full run's step count. A fit
 * that takes a single step (`fullRunProgress` ≤ 1 progress events) has already finished when the signal fires, so
 * then any well-formed end is accepted.
 */
export function checkAbortedFit(
  events: readonly TrainingEvent[],
  fullRunProgress: number,
): FitResult {
  const { progress, end } = checkEventOrder(events);
  if (fullRunProgress <= 1) return end.result;
  if (end.result.stopReason !== 'aborted') {
    throw new ConformanceError(
      'abort',
      `expected stop reason 'aborted' after the signal fired at the first progress event, found ${describeValue(end.result.stopReason)}`,
    );
  }
  if (progress.length >= fullRunProgress) {
    throw new ConformanceError(
      'abort',
      `expected fewer than the full run's ${fullRunProgress} progress events after aborting, found ${progress.length}`,
    );
  }
  return end.result;
}

/**
 * Check a fit the consumer left right after its first progress event (`break` in `for await`, which
 * calls `return()`): it yielded start then progress, and pulling again finds it finished.
 */
export function checkLeftEarly(
  seen: readonly TrainingEvent[],
  after: IteratorResult<TrainingEvent, FitResult>,
): void {
  const types = seen.map((e) => e.type).join(', ');
  if (seen[0]?.type !== 'start' || seen[seen.length - 1]?.type !== 'progress') {
    throw new ConformanceError(
      'leaving early',
      `expected start … progress before leaving the loop, found [${types}]`,
    );
  }
  if (after.done !== true) {
    throw new ConformanceError(
      'leaving early',
      `expected the fit to be finished after return(), found it yielding ${describeValue((after.value as TrainingEvent | undefined)?.type)}`,
    );
  }
}

/**
 * Check that a fit stopped after a progress event (aborted, or left by the consumer) keeps the
 * model of the steps it took: the classifier is fitted and predicts valid probabilities.
 */
export async function checkUsableAfterStop(
  classifier: Classifier,
  data: Dataset,
  what: string,
): Promise<void> {
  if (!classifier.fitted) {
    throw new ConformanceError(
      what,
      `expected the classifier to keep the model of the steps taken (fitted = true) after ${what}, found fitted = false`,
    );
  }
  const probabilities = await classifier.predictProba(data.features);
  checkProbabilities(probabilities, data.numSamples, data.numClasses);
}
