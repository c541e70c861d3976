import type { ObjectiveOutput } from '../objective.js';

/** Central-difference gradient of `f` at x with step h (an independent check of analytic gradients). */
export function centralDifference(
  f: (x: Float64Array) => ObjectiveOutput,
  x: Float64Array,
  h = 1e-6,
): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const plus = Float64Array.from(x);
    const minus = Float64Array.from(x);
    plus[i]! += h;
    minus[i]! -= h;
    out[i] = (f(plus).value - f(minus).value) / (2 * h);
  }
  return out;
}
