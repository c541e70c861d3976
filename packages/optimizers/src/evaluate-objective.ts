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
  const n = gradientOut.length;
  // Sync objectives skip the extra microtask an unconditional await would cost.
  const resolved = isPromiseLike(output) ? await output : output;
  const { value, gradient } = checkedOutput(resolved, n, where);
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
  return { value, finite: probe === 0 && Number.isFinite(value), derivative };
}

/** The output's value and gradient, checked to be an objective output of size n. */
function checkedOutput(
  resolved: ObjectiveOutput,
  n: number,
  where: () => string,
): { value: number; gradient: ArrayLike<number> } {
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
  if (gradient.length !== n) {
    throw new DimensionMismatchError('the objective gradient', n, gradient.length, where());
  }
  return { value: resolved.value, gradient };
}

/** A mini-batch evaluation: the value, whether everything was finite, and the gradient's norms. */
export interface MiniBatchEvaluation {
  readonly value: number;
  readonly finite: boolean;
  /** max |gᵢ| of the copied gradient. */
  readonly normInf: number;
  /** Σ gᵢ² of the copied gradient. */
  readonly sumOfSquares: number;
}

/**
 * `readObjectiveOutput` for a mini-batch step: the same checks and copy, and in the same pass the
 * gradient's ∞-norm and sum of squares, which the step needs anyway (one pass instead of three).
 */
export async function readMiniBatchOutput(
  output: ObjectiveOutput | Promise<ObjectiveOutput>,
  gradientOut: Float64Array,
  where: () => string,
): Promise<MiniBatchEvaluation> {
  const n = gradientOut.length;
  // Sync objectives skip the extra microtask an unconditional await would cost.
  const resolved = isPromiseLike(output) ? await output : output;
  const { value, gradient } = checkedOutput(resolved, n, where);
  // |v| > max is false for NaN, so the probe (v * 0) still tells finiteness.
  let probe = 0;
  let max = 0;
  let sumOfSquares = 0;
  for (let i = 0; i < n; i++) {
    const v = gradient[i]!;
    gradientOut[i] = v;
    probe += v * 0;
    const a = Math.abs(v);
    if (a > max) max = a;
    sumOfSquares += v * v;
  }
  return { value, finite: probe === 0 && Number.isFinite(value), normInf: max, sumOfSquares };
}

function isPromiseLike<T>(value: T | Promise<T>): value is Promise<T> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
