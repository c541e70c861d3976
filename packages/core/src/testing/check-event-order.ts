import { isDeepStrictEqual } from 'node:util';
import type { Dataset } from '@digitlab/datasets';
import type {
  EndEvent,
  FitResult,
  ProgressEvent,
  StartEvent,
  TrainingEvent,
} from '../training-event.js';
import { ConformanceError, failCheck } from './conformance-error.js';
import { describeValue } from './describe-value.js';

/** A fit's event stream split into its parts, once checked. */
export interface CheckedEvents {
  readonly start: StartEvent;
  readonly progress: readonly ProgressEvent[];
  readonly end: EndEvent;
}

const CHECK = 'event order';
const UNITS = ['iteration', 'epoch', 'step'];

/**
 * Check a fit's events: exactly one start first, then at least one progress event (held-out
 * evaluations travel on them, possibly announced by evaluating events with 0 < done < total) with strictly increasing steps in the start's unit, then exactly one
 * end last whose result has a stop reason, a message and fitSeconds ≥ 0.
 */
export function checkEventOrder(events: readonly TrainingEvent[]): CheckedEvents {
  const fail = failCheck(CHECK);
  const types = events.map((e) => describeValue((e as { type?: unknown })?.type)).join(', ');
  const [first] = events;
  const last = events[events.length - 1];
  if (first?.type !== 'start')
    fail(`expected the first event to be 'start', found [${types || 'no events'}]`);
  if (last?.type !== 'end')
    fail(`expected the last event to be 'end', found [${types || 'no events'}]`);
  const start = first as StartEvent;
  const end = last as EndEvent;
  events.forEach((event, i) => {
    const type: unknown = event.type;
    if (type !== 'start' && type !== 'progress' && type !== 'evaluating' && type !== 'end')
      fail(
        `expected only start/progress/evaluating/end events, found type ${describeValue(type)} at index ${i}`,
      );
    if (event.type === 'evaluating' && !(event.done > 0 && event.done < event.total))
      fail(
        `expected an evaluating event's done in (0, total), found ${describeValue(event.done)} of ${describeValue(event.total)} at index ${i}`,
      );
    if (event.type === 'start' && i !== 0)
      fail(`expected exactly one 'start' event, found another at index ${i} of [${types}]`);
    if (event.type === 'end' && i !== events.length - 1)
      fail(`expected exactly one 'end' event, found one at index ${i} of [${types}]`);
  });
  if (!UNITS.includes(start.unit))
    fail(
      `expected start.unit to be one of ${UNITS.join(', ')}, found ${describeValue(start.unit)}`,
    );
  const progress = events.filter((e): e is ProgressEvent => e.type === 'progress');
  if (progress.length === 0)
    fail(`expected at least one 'progress' event between start and end, found [${types}]`);
  let previous = Number.NEGATIVE_INFINITY;
  for (const event of progress) {
    if (typeof event.step !== 'number' || !Number.isFinite(event.step))
      fail(`expected progress.step to be a finite number, found ${describeValue(event.step)}`);
    if (event.step <= previous)
      fail(
        `expected strictly increasing progress steps, found step ${event.step} after step ${previous}`,
      );
    if (event.unit !== start.unit)
      fail(
        `expected progress.unit ${describeValue(start.unit)} (as the start event), found ${describeValue(event.unit)} at step ${event.step}`,
      );
    if (!(event.elapsedMs >= 0))
      fail(
        `expected progress.elapsedMs ≥ 0, found ${describeValue(event.elapsedMs)} at step ${event.step}`,
      );
    previous = event.step;
  }
  checkFitResult(end.result, fail);
  return { start, progress, end };
}

/** Check that the start event describes the training data the fit was given. */
export function checkStartMatchesData(start: StartEvent, train: Dataset): void {
  for (const key of ['numSamples', 'numFeatures', 'numClasses'] as const) {
    if (start[key] !== train[key]) {
      throw new ConformanceError(
        'start event',
        `expected ${key} ${train[key]} (the training data's), found ${describeValue(start[key])}`,
      );
    }
  }
}

/** Check that the generator returned the same FitResult as its end event carried. */
export function checkReturnValue(end: EndEvent, returned: FitResult | undefined): void {
  if (!isDeepStrictEqual(end.result, returned)) {
    throw new ConformanceError(
      'fit return value',
      `expected the generator to return the end event's result ${describeValue(end.result)}, found ${describeValue(returned)}`,
    );
  }
}

function checkFitResult(result: FitResult | undefined, fail: (problem: string) => never): void {
  if (typeof result !== 'object' || result === null)
    fail(`expected the end event to carry a FitResult object, found ${describeValue(result)}`);
  const r = result as FitResult;
  if (typeof r.stopReason !== 'string' || r.stopReason === '')
    fail(
      `expected result.stopReason to be a non-empty string, found ${describeValue(r.stopReason)}`,
    );
  if (typeof r.message !== 'string' || r.message === '')
    fail(`expected result.message to be a non-empty string, found ${describeValue(r.message)}`);
  if (typeof r.converged !== 'boolean')
    fail(`expected result.converged to be a boolean, found ${describeValue(r.converged)}`);
  if (typeof r.steps !== 'number' || !(r.steps >= 0))
    fail(`expected result.steps to be a number ≥ 0, found ${describeValue(r.steps)}`);
  if (typeof r.fitSeconds !== 'number' || !Number.isFinite(r.fitSeconds) || r.fitSeconds < 0)
    fail(
      `expected result.fitSeconds to be a finite number ≥ 0, found ${describeValue(r.fitSeconds)}`,
    );
}
