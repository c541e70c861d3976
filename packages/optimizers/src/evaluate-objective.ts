import { DimensionMismatchError, ObjectiveOutputError } from './errors.js';
import type { ObjectiveOutput } from './objective.js';

/** The value at a point, whether it and every gradient entry are finite, and gᵀd if asked. */
export interface Evaluation {
  readonly value: number;
  readonly finite: boolean;
  /** gᵀd for the `direction` passed (NaN without one). */
  readonly derivative: number;
}

/**
 * Awaits one objective output (if it is a promise), checks its shape, copies its gradient into
 * `gradientOut` and reports whether everything was finite; with a `direction` it also returns the
 * directional derivative gᵀd from the same pass. `where` names the call for messages.
 */
export async function readObjectiveOutput(
  output: ObjectiveOutput | Promise<ObjectiveOutput>,
  gradientOut: Float64Array,
  where: () => string,
  direction?: Float64Array,
): Promise<Evaluation> {
  // Sync objectives skip the extra microtask an unconditional await would cost.
  const resolved = isPromiseLike(output) ? await output : output;
  if (
    typeof resolved !== 'object' ||
    resolved === null ||
    typeof resolved.value !== 'number' ||
    typeof resolved.gradient !== 'object' ||
    resolved.gradient === null ||
    typeof resolved.gradient.length !== 'number'
  ) {
    throw new ObjectiveOutputError(resolved, where());
  }
  const gradient = resolved.gradient;
  const n = gradientOut.length;
  if (gradient.length !== n) {
    throw new DimensionMismatchError('the objective gradient', n, gradient.length, where());
  }
  // x * 0 is 0 for finite x and NaN for NaN/±Infinity, so one pass copies and checks.
  let probe = 0;
  let derivative = Number.NaN;
  if (direction === undefined) {
    for (let i = 0; i < n; i++) {
      const v = gradient[i]!;
      gradientOut[i] = v;
      probe += v * 0;
    }
  } else {
    derivative = 0;
    for (let i = 0; i < n; i++) {
      const v = gradient[i]!;
      gradientOut[i] = v;
      probe += v * 0;
      derivative += v * direction[i]!;
    }
  }
  const value = resolved.value;
  return { value, finite: probe === 0 && Number.isFinite(value), derivative };
}

function isPromiseLike<T>(value: T | Promise<T>): value is Promise<T> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
