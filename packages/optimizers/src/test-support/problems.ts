import type { ObjectiveOutput } from '../objective.js';

/** scipy.optimize.rosen (the chained form): Σ_{i=0}^{n-2} 100 (x_{i+1} − x_i²)² + (1 − x_i)². */
export function rosenbrock(x: Float64Array): ObjectiveOutput {
  const n = x.length;
  const gradient = new Float64Array(n);
  let value = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i]!;
    const next = x[i + 1]!;
    const t = next - xi * xi;
    const u = 1 - xi;
    value += 100 * t * t + u * u;
    gradient[i]! += -400 * xi * t - 2 * u;
    gradient[i + 1]! += 200 * t;
  }
  return { value, gradient };
}

/** (−1.2, 1, −1.2, 1, …), the classic Rosenbrock start. */
export function rosenbrockStart(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1));
}

/** ½ Σ dᵢ (xᵢ − cᵢ)²: a diagonal quadratic with minimizer c and condition max d / min d. */
export function diagonalQuadratic(
  d: Float64Array,
  c: Float64Array,
): (x: Float64Array) => ObjectiveOutput {
  return (x) => {
    const gradient = new Float64Array(x.length);
    let value = 0;
    for (let i = 0; i < x.length; i++) {
      const r = x[i]! - c[i]!;
      value += 0.5 * d[i]! * r * r;
      gradient[i] = d[i]! * r;
    }
    return { value, gradient };
  };
}
