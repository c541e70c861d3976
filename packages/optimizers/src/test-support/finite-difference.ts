import { finiteDifferenceGradient } from '../finite-difference-gradient.js';
import type { ObjectiveOutput } from '../objective.js';

/** Central-difference gradient of an objective's value at x with step h (an independent check of analytic gradients). */
export function centralDifference(
  f: (x: Float64Array) => ObjectiveOutput,
  x: Float64Array,
  h = 1e-6,
): Float64Array {
  return finiteDifferenceGradient((p) => f(p).value, x, h);
}
