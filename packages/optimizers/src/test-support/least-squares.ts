import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { ObjectiveOutput } from '../objective.js';

/** A dense linear least-squares problem min ½·mean((A x − b)²) with rows of A as samples. */
export interface LeastSquaresProblem {
  readonly rows: number;
  readonly cols: number;
  /** Row-major rows × cols. */
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly xTrue: Float64Array;
}

/** A with N(0, 1) entries, x* with N(0, 1) entries, b = A x* + noise·N(0, 1), all from `seed`. */
export function makeLeastSquares(
  rows: number,
  cols: number,
  noise: number,
  seed: number,
): LeastSquaresProblem {
  const rng = xoroshiro128plus(seed);
  const normal = (): number => {
    // Box–Muller; 1 − u keeps the log argument in (0, 1].
    const u = 1 - uniformFloat64(rng);
    const v = uniformFloat64(rng);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const a = Float64Array.from({ length: rows * cols }, normal);
  const xTrue = Float64Array.from({ length: cols }, normal);
  const b = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let c = 0; c < cols; c++) s += a[r * cols + c]! * xTrue[c]!;
    b[r] = s + noise * normal();
  }
  return { rows, cols, a, b, xTrue };
}

/** The mini-batch objective: mean over the batch of ½ (aᵣᵀx − bᵣ)² and its gradient. */
export function leastSquaresBatchObjective(
  p: LeastSquaresProblem,
): (x: Float64Array, batch: Uint32Array) => ObjectiveOutput {
  return (x, batch) => {
    const gradient = new Float64Array(p.cols);
    let value = 0;
    for (const r of batch) {
      let residual = -p.b[r]!;
      for (let c = 0; c < p.cols; c++) residual += p.a[r * p.cols + c]! * x[c]!;
      value += 0.5 * residual * residual;
      for (let c = 0; c < p.cols; c++) gradient[c]! += residual * p.a[r * p.cols + c]!;
    }
    for (let c = 0; c < p.cols; c++) gradient[c]! /= batch.length;
    return { value: value / batch.length, gradient };
  };
}

/** The exact least-squares solution from the normal equations AᵀA x = Aᵀb (Gaussian elimination with partial pivoting). */
export function solveNormalEquations(p: LeastSquaresProblem): Float64Array {
  const k = p.cols;
  const m = Array.from({ length: k }, () => new Float64Array(k + 1));
  for (let r = 0; r < p.rows; r++) {
    for (let i = 0; i < k; i++) {
      const ai = p.a[r * k + i]!;
      for (let j = 0; j < k; j++) m[i]![j]! += ai * p.a[r * k + j]!;
      m[i]![k]! += ai * p.b[r]!;
    }
  }
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) {
      if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    }
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < k; r++) {
      const factor = m[r]![col]! / m[col]![col]!;
      for (let j = col; j <= k; j++) m[r]![j]! -= factor * m[col]![j]!;
    }
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = m[i]![k]!;
    for (let j = i + 1; j < k; j++) s -= m[i]![j]! * x[j]!;
    x[i] = s / m[i]![i]!;
  }
  return x;
}

/** A `makeLeastSquares` problem as the mini-batch tests use it: its objective and exact solution. */
export function noisyLeastSquares(...args: Parameters<typeof makeLeastSquares>): {
  objective: (x: Float64Array, batch: Uint32Array) => ObjectiveOutput;
  exact: Float64Array;
} {
  const problem = makeLeastSquares(...args);
  return { objective: leastSquaresBatchObjective(problem), exact: solveNormalEquations(problem) };
}
