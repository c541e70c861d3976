import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DimensionMismatchError,
  InvalidArgumentError,
  NonFiniteError,
  ObjectiveOutputError,
  OptimizerStateError,
} from '../errors.js';
import type { Objective, ObjectiveOutput } from '../objective.js';
import { StopReason } from '../stop-reason.js';
import { countCalls } from '../test-support/count-calls.js';
import { drain } from '../test-support/drain.js';
import { centralDifference } from '../test-support/finite-difference.js';
import { diagonalQuadratic, rosenbrock, rosenbrockStart } from '../test-support/problems.js';
import { lbfgs } from './lbfgs.js';
import type { IterationProgress } from './lbfgs-result.js';
import type { LbfgsState } from './lbfgs-state.js';
import { minimizeLbfgs } from './minimize-lbfgs.js';

function maxError(x: Float64Array, target: ArrayLike<number>): number {
  let e = 0;
  for (let i = 0; i < x.length; i++) e = Math.max(e, Math.abs(x[i]! - target[i]!));
  return e;
}

/** ½ (x − c)ᵀ A (x − c) with A = Qᵀ diag(d) Q, Q a product of Householder reflections. */
function rotatedQuadratic(d: Float64Array, c: Float64Array): Objective {
  const n = d.length;
  const reflections = [0.3, 1.7, -0.9].map((phase) =>
    Float64Array.from({ length: n }, (_, i) => Math.sin(phase * (i + 1)) + 0.1 * i),
  );
  const apply = (v: Float64Array, order: Float64Array[]): Float64Array => {
    const out = Float64Array.from(v);
    for (const u of order) {
      let uv = 0;
      let uu = 0;
      for (let i = 0; i < n; i++) {
        uv += u[i]! * out[i]!;
        uu += u[i]! * u[i]!;
      }
      for (let i = 0; i < n; i++) out[i]! -= (2 * uv * u[i]!) / uu;
    }
    return out;
  };
  const reversed = [...reflections].reverse();
  return (x) => {
    const r = Float64Array.from(x, (v, i) => v - c[i]!);
    const qr = apply(r, reflections);
    let value = 0;
    for (let i = 0; i < n; i++) {
      value += 0.5 * d[i]! * qr[i]! * qr[i]!;
      qr[i]! *= d[i]!;
    }
    return { value, gradient: apply(qr, reversed) };
  };
}

describe('test problems', () => {
  it('have analytic gradients that match central differences', () => {
    const x = Float64Array.of(-1.2, 1, 0.3, 2.1, -0.4);
    const fd = centralDifference(rosenbrock, x);
    expect(maxError(Float64Array.from(rosenbrock(x).gradient), fd)).toBeLessThan(1e-4);
    const d = Float64Array.from({ length: 5 }, (_, i) => 10 ** i);
    const c = Float64Array.of(1, -2, 3, 0.5, 0.25);
    const rotated = rotatedQuadratic(d, c) as (x: Float64Array) => ObjectiveOutput;
    const y = Float64Array.of(0.1, 0.2, -0.3, 0.4, 0.5);
    const analytic = Float64Array.from(rotated(y).gradient);
    expect(maxError(analytic, centralDifference(rotated, y, 1e-5))).toBeLessThan(1e-3);
  });
});

describe('lbfgs on the reference problems (scipy L-BFGS-B: 36/44 and 514/621)', () => {
  it('Rosenbrock 2-D from (−1.2, 1): converges to (1, 1) within 54 iterations', async () => {
    const result = await minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1));
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeLessThanOrEqual(54);
    expect(maxError(result.x, [1, 1])).toBeLessThan(1e-4);
    expect(result.value).toBeLessThan(1e-8);
  });

  it('scipy.optimize.rosen (chained) 100-D from (−1.2, 1, …): converges to all ones within 771 iterations', async () => {
    const result = await minimizeLbfgs(rosenbrock, rosenbrockStart(100));
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeLessThanOrEqual(771);
    expect(maxError(result.x, new Float64Array(100).fill(1))).toBeLessThan(1e-4);
  });
});

describe('lbfgs on convex quadratics', () => {
  const n = 20;
  const c = Float64Array.from({ length: n }, (_, i) => Math.cos(i) * 3);

  // Iteration counts of scipy 1.17.1's L-BFGS-B on the same problems (m = 10, same gtol, ftol = 0),
  // measured on this machine: 22, 5338 and 5209. L-BFGS is slow on a spectrum spread over six
  // decades with m < n; the bounds allow 1.5× scipy.
  it('well-conditioned diagonal (1 … 10): reaches the minimizer in a few iterations', async () => {
    const d = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    const c10 = c.subarray(0, 10);
    const result = await minimizeLbfgs(diagonalQuadratic(d, c10), new Float64Array(10), {
      gtol: 1e-9,
      ftol: 0,
    });
    expect(result.stopReason).toBe(StopReason.Gtol);
    expect(result.iterations).toBeLessThanOrEqual(33);
    expect(maxError(result.x, c10)).toBeLessThan(1e-8);
  });

  const illConditioned = [
    { shape: 'diagonal (1 … 1e6)', quadratic: diagonalQuadratic, scipyIterations: 5338 },
    {
      shape: 'rotated (condition 1e6, not axis-aligned)',
      quadratic: rotatedQuadratic,
      scipyIterations: 5209,
    },
  ];
  for (const { shape, quadratic, scipyIterations } of illConditioned) {
    it(`ill-conditioned ${shape}: reaches the minimizer`, async () => {
      const d = Float64Array.from({ length: n }, (_, i) => 10 ** ((6 * i) / (n - 1)));
      const result = await minimizeLbfgs(quadratic(d, c), new Float64Array(n), {
        gtol: 1e-7,
        ftol: 0,
      });
      expect(result.stopReason).toBe(StopReason.Gtol);
      expect(result.iterations).toBeLessThanOrEqual(1.5 * scipyIterations);
      // ‖x − c‖ ≤ ‖A⁻¹‖·‖g‖₂ ≤ 1 · √n · gtol.
      expect(maxError(result.x, c)).toBeLessThan(Math.sqrt(n) * 1e-7);
    });
  }
});

describe('lbfgs on random diagonal quadratics', () => {
  it('finds the minimizer c of ½ Σ dᵢ (xᵢ − cᵢ)² for any curvatures in [0.1, 100]', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }).chain((n) =>
          fc.tuple(
            fc.array(fc.double({ min: 0.1, max: 100, noNaN: true }), {
              minLength: n,
              maxLength: n,
            }),
            fc.array(fc.double({ min: -10, max: 10, noNaN: true }), {
              minLength: n,
              maxLength: n,
            }),
          ),
        ),
        async ([d, c]) => {
          const result = await minimizeLbfgs(
            diagonalQuadratic(Float64Array.from(d), Float64Array.from(c)),
            new Float64Array(d.length),
            { gtol: 1e-9, ftol: 0 },
          );
          expect(result.converged).toBe(true);
          // |xᵢ − cᵢ| = |gᵢ| / dᵢ ≤ gtol / 0.1.
          expect(maxError(result.x, c)).toBeLessThanOrEqual(1e-8);
        },
      ),
      { numRuns: 100, seed: 3 },
    );
  });
});

describe('lbfgs stopping criteria', () => {
  it('returns after 0 iterations and 1 evaluation when x0 is already optimal', async () => {
    const counted = countCalls(rosenbrock);
    const result = await minimizeLbfgs(counted, Float64Array.of(1, 1));
    expect(counted.calls).toBe(1);
    expect(result.iterations).toBe(0);
    expect(result.evaluations).toBe(1);
    expect(result.stopReason).toBe(StopReason.Gtol);
    expect(result.converged).toBe(true);
    expect(result.message).toBe('converged: max |g_i| = 0 ≤ gtol 1e-5 after 0 iterations');
  });

  it("stops with 'gtol' and says so with the numbers", async () => {
    const result = await minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { ftol: 0 });
    expect(result.stopReason).toBe(StopReason.Gtol);
    expect(result.gradientNorm).toBeLessThanOrEqual(1e-5);
    expect(result.message).toMatch(
      /^converged: max \|g_i\| = [\d.e-]+ ≤ gtol 1e-5 after \d+ iterations$/,
    );
  });

  it("stops with 'ftol' exactly when the relative reduction first drops to ftol", async () => {
    const run = lbfgs(rosenbrock, Float64Array.of(-1.2, 1), { gtol: 0 });
    const { progress, result } = await drain(run);
    expect(result.stopReason).toBe(StopReason.Ftol);
    expect(result.converged).toBe(true);
    const reductions = progress.slice(1).map((p, k) => {
      const before = progress[k]!.value;
      return (before - p.value) / Math.max(Math.abs(before), Math.abs(p.value), 1);
    });
    expect(reductions.at(-1)).toBeLessThanOrEqual(2.220446049250313e-9);
    expect(reductions.slice(0, -1).every((r) => r > 2.220446049250313e-9)).toBe(true);
    expect(result.message).toMatch(/relative reduction .* ≤ ftol 2\.22e-9/);
  });

  it("stops with 'max-iter' and a warning with advice", async () => {
    const result = await minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { maxIter: 5 });
    expect(result.stopReason).toBe(StopReason.MaxIter);
    expect(result.iterations).toBe(5);
    expect(result.converged).toBe(false);
    expect(result.message).toMatch(
      /reached maxIter = 5 iterations with max \|g_i\| = .* > gtol 1e-5/,
    );
    expect(result.warning).toMatch(
      /^lbfgs failed to converge after 5 iterations .*increase maxIter, scale the data/,
    );
  });

  it("stops with 'max-eval' without exceeding the budget, even inside a line search", async () => {
    const counted = countCalls(rosenbrock);
    const result = await minimizeLbfgs(counted, Float64Array.of(-1.2, 1), { maxEval: 7 });
    expect(result.stopReason).toBe(StopReason.MaxEval);
    expect(counted.calls).toBe(7);
    expect(result.evaluations).toBe(7);
    expect(result.warning).toMatch(/increase maxEval/);
    expect(Number.isFinite(result.value)).toBe(true);
  });
});

describe('lbfgs and non-finite values', () => {
  // f(x) = −log(1 − ‖x‖²) + ½‖x − c‖²: finite only inside the unit ball. From 0 the first trial
  // step has length 1 and lands on the boundary (f = +Infinity).
  const c = Float64Array.of(2, 0.5);
  const barrier: Objective = (x) => {
    const r2 = x[0]! * x[0]! + x[1]! * x[1]!;
    const value = -Math.log(1 - r2) + 0.5 * ((x[0]! - c[0]!) ** 2 + (x[1]! - c[1]!) ** 2);
    const k = 2 / (1 - r2);
    return {
      value,
      gradient: Float64Array.of(k * x[0]! + x[0]! - c[0]!, k * x[1]! + x[1]! - c[1]!),
    };
  };

  it('backs off from a first trial that overshoots the domain and still converges', async () => {
    const values: number[] = [];
    const result = await minimizeLbfgs((x) => {
      const out = barrier(x) as ObjectiveOutput;
      values.push(out.value);
      return out;
    }, new Float64Array(2));
    expect(values.some((v) => !Number.isFinite(v))).toBe(true);
    expect(result.converged).toBe(true);
    // Independent reference: at the minimizer x = c / (1 + 2 / (1 − r²)) with r = ‖x‖, so r solves
    // r (1 + 2 / (1 − r²)) = ‖c‖; bisection on (0, 1).
    const normC = Math.hypot(c[0]!, c[1]!);
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 200; k++) {
      const mid = (lo + hi) / 2;
      if (mid * (1 + 2 / (1 - mid * mid)) < normC) lo = mid;
      else hi = mid;
    }
    const scale = 1 / (1 + 2 / (1 - lo * lo));
    expect(maxError(result.x, [c[0]! * scale, c[1]! * scale])).toBeLessThan(1e-5);
  });

  it("ends with 'non-finite' (not a NaN result) when the objective is NaN everywhere but x0", async () => {
    const x0 = Float64Array.of(0.5, -0.5);
    let calls = 0;
    const result = await minimizeLbfgs((x) => {
      calls++;
      const atStart = x[0] === x0[0] && x[1] === x0[1];
      return atStart
        ? { value: 3, gradient: Float64Array.of(1, -1) }
        : { value: Number.NaN, gradient: Float64Array.of(Number.NaN, Number.NaN) };
    }, x0);
    expect(result.stopReason).toBe(StopReason.NonFinite);
    expect(result.converged).toBe(false);
    expect(Array.from(result.x)).toEqual([0.5, -0.5]);
    expect(result.value).toBe(3);
    // One evaluation at x0, then the first trial and 30 halvings.
    expect(calls).toBe(32);
    expect(result.message).toMatch(
      /^non-finite objective at iteration 1 .*non-finite at 31 trial steps/,
    );
    expect(result.warning).toMatch(/smooth and finite/);
  });

  it("ends with 'line-search-failed' naming the iteration when the gradient is wrong", async () => {
    // f = ‖x‖² but the reported gradient is 2x + 1: along −g the function never decreases enough.
    const result = await minimizeLbfgs(
      (x) => ({
        value: x[0]! * x[0]!,
        gradient: Float64Array.of(2 * x[0]! + 1),
      }),
      Float64Array.of(0),
    );
    expect(result.stopReason).toBe(StopReason.LineSearchFailed);
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(0);
    expect(Array.from(result.x)).toEqual([0]);
    expect(result.message).toMatch(/^line search failed at iteration 1 /);
    expect(result.warning).toMatch(/check the gradient against finite differences/);
  });

  it('rejects NaN in x0, and NaN/Infinity at x0, with typed errors naming the entry', async () => {
    await expect(minimizeLbfgs(rosenbrock, Float64Array.of(1, Number.NaN))).rejects.toThrow(
      new NonFiniteError('x0[1]', Number.NaN, 'the starting point'),
    );
    await expect(
      minimizeLbfgs(
        () => ({ value: 1, gradient: Float64Array.of(0, Number.POSITIVE_INFINITY) }),
        new Float64Array(2),
      ),
    ).rejects.toThrow(
      /gradient\[1\] is Infinity, expected a finite number \(at x0, evaluation 1\)/,
    );
    await expect(
      minimizeLbfgs(
        () => ({ value: Number.NaN, gradient: new Float64Array(2) }),
        new Float64Array(2),
      ),
    ).rejects.toThrow(NonFiniteError);
  });
});

describe('lbfgs input errors', () => {
  it('rejects a zero-length x0', async () => {
    await expect(minimizeLbfgs(rosenbrock, new Float64Array(0))).rejects.toThrow(
      /invalid x0: expected a Float64Array with at least one entry, found a Float64Array/,
    );
  });

  it('rejects a gradient whose length differs from x, with expected and found lengths', async () => {
    const error = await minimizeLbfgs(
      () => ({ value: 0, gradient: new Float64Array(3) }),
      new Float64Array(2),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DimensionMismatchError);
    expect((error as DimensionMismatchError).expected).toBe(2);
    expect((error as DimensionMismatchError).found).toBe(3);
    expect((error as Error).message).toBe(
      'the objective gradient has length 3, expected 2 (at x0, evaluation 1)',
    );
  });

  it('names the evaluation when the gradient length changes mid-run', async () => {
    let calls = 0;
    const run = minimizeLbfgs((x) => {
      calls++;
      return {
        value: 0.5 * x[0]! ** 2,
        gradient: calls === 1 ? Float64Array.of(x[0]!) : Float64Array.of(x[0]!, 0),
      };
    }, Float64Array.of(3));
    await expect(run).rejects.toThrow(
      'the objective gradient has length 2, expected 1 (evaluation 2, iteration 1)',
    );
  });

  it('rejects malformed objective output and bad options', async () => {
    await expect(
      minimizeLbfgs(
        (() => ({ value: '1', gradient: [0] })) as unknown as Objective,
        Float64Array.of(0),
      ),
    ).rejects.toThrow(ObjectiveOutputError);
    await expect(
      minimizeLbfgs(rosenbrock, Float64Array.of(0, 0), { historySize: 0 }),
    ).rejects.toThrow(new InvalidArgumentError('historySize', 'an integer ≥ 1', 0));
    await expect(minimizeLbfgs(rosenbrock, Float64Array.of(0, 0), { gtol: -1 })).rejects.toThrow(
      /invalid gtol: expected a number ≥ 0, found -1/,
    );
    await expect(
      minimizeLbfgs(rosenbrock, Float64Array.of(0, 0), { lineSearch: { c1: 0.5, c2: 0.1 } }),
    ).rejects.toThrow(/invalid c2/);
  });

  it('accepts gradients as Float32Array or number[] (e.g. from tensors)', async () => {
    const c = [3, -2];
    const result = await minimizeLbfgs(
      (x) => ({
        value: 0.5 * ((x[0]! - c[0]!) ** 2 + (x[1]! - c[1]!) ** 2),
        gradient: Float32Array.of(x[0]! - c[0]!, x[1]! - c[1]!),
      }),
      new Float64Array(2),
    );
    expect(maxError(result.x, c)).toBeLessThan(1e-6);
    const plain = await minimizeLbfgs(
      (x) => ({ value: 0.5 * (x[0]! - 1) ** 2, gradient: [x[0]! - 1] }),
      new Float64Array(1),
    );
    expect(plain.x[0]).toBeCloseTo(1, 10);
  });
});

describe('lbfgs progress flags the iteration it stops after as final', () => {
  const start = (): Float64Array => Float64Array.of(-1.2, 1);
  const expectOnlyLastFinal = (progress: IterationProgress[]): void => {
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.map((p) => p.final)).toEqual(progress.map((_, k) => k === progress.length - 1));
  };
  // Evaluations an unlimited run has used when it reports `iteration`: the last of them computed
  // that accepted iterate, so a budget or an abort placed there ends the run right after it.
  const evaluationsAt = async (iteration: number): Promise<number> =>
    (await drain(lbfgs(rosenbrock, start(), { ftol: 0 }))).progress[iteration - 1]!.evaluations;

  it('gtol', async () => {
    const { progress, result } = await drain(lbfgs(rosenbrock, start(), { ftol: 0 }));
    expect(result.stopReason).toBe(StopReason.Gtol);
    expectOnlyLastFinal(progress);
  });

  it('ftol', async () => {
    const { progress, result } = await drain(lbfgs(rosenbrock, start(), { gtol: 0 }));
    expect(result.stopReason).toBe(StopReason.Ftol);
    expectOnlyLastFinal(progress);
  });

  it('maxIter', async () => {
    const { progress, result } = await drain(lbfgs(rosenbrock, start(), { maxIter: 5 }));
    expect(result.stopReason).toBe(StopReason.MaxIter);
    expect(progress).toHaveLength(5);
    expectOnlyLastFinal(progress);
  });

  it('maxEval, when the budget runs out at an accepted iterate', async () => {
    const budget = await evaluationsAt(6);
    const { progress, result } = await drain(
      lbfgs(rosenbrock, start(), { ftol: 0, maxEval: budget }),
    );
    expect(result.stopReason).toBe(StopReason.MaxEval);
    expect(result.iterations).toBe(6);
    expectOnlyLastFinal(progress);
  });

  it('an abort that fired during the evaluation of the accepted iterate', async () => {
    const abortAt = await evaluationsAt(6);
    const controller = new AbortController();
    let calls = 0;
    const { progress, result } = await drain(
      lbfgs(
        (x) => {
          if (++calls === abortAt) controller.abort();
          return rosenbrock(x);
        },
        start(),
        { ftol: 0, signal: controller.signal },
      ),
    );
    expect(result.stopReason).toBe(StopReason.Aborted);
    expect(result.iterations).toBe(6);
    expectOnlyLastFinal(progress);
  });
});

describe('lbfgs progress, pausing and aborting', () => {
  it('reports every iteration through the iterator and the callback alike', async () => {
    const fromCallback: IterationProgress[] = [];
    const { progress, result } = await drain(
      lbfgs(rosenbrock, Float64Array.of(-1.2, 1), { onProgress: (p) => void fromCallback.push(p) }),
    );
    expect(fromCallback).toEqual(progress);
    expect(progress.map((p) => p.iteration)).toEqual(progress.map((_, k) => k + 1));
    expect(progress.length).toBe(result.iterations);
    for (let k = 1; k < progress.length; k++) {
      expect(progress[k]!.value).toBeLessThanOrEqual(progress[k - 1]!.value);
      expect(progress[k]!.evaluations).toBeGreaterThan(progress[k - 1]!.evaluations);
    }
    const last = progress.at(-1)!;
    expect(last.x).toEqual(result.x);
    expect(last.gradientNorm).toBe(result.gradientNorm);
    expect(last.gradientNorm2).toBeGreaterThanOrEqual(last.gradientNorm);
  });

  it('does no work while the consumer does not pull', async () => {
    const counted = countCalls(rosenbrock);
    const run = lbfgs(counted, Float64Array.of(-1.2, 1));
    for (let k = 0; k < 3; k++) await run.next();
    const before = counted.calls;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(counted.calls).toBe(before);
    await run.return(undefined as never);
  });

  it("aborted between iterations: returns stopReason 'aborted' with the last iterate", async () => {
    const controller = new AbortController();
    const seen: IterationProgress[] = [];
    const result = await minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.iteration === 5) controller.abort();
      },
    });
    expect(result.stopReason).toBe(StopReason.Aborted);
    expect(result.iterations).toBe(5);
    expect(result.x).toEqual(seen[4]!.x);
    expect(result.message).toMatch(/^aborted by the AbortSignal after 5 iterations/);
  });

  it('aborted inside a line search: keeps the last accepted iterate and stops evaluating', async () => {
    const controller = new AbortController();
    let calls = 0;
    const seen: IterationProgress[] = [];
    const result = await minimizeLbfgs(
      (x) => {
        calls++;
        if (calls === 10) controller.abort();
        return rosenbrock(x);
      },
      Float64Array.of(-1.2, 1),
      { signal: controller.signal, onProgress: (p) => void seen.push(p) },
    );
    expect(result.stopReason).toBe(StopReason.Aborted);
    expect(calls).toBe(10);
    expect(result.evaluations).toBe(10);
    const last = seen.at(-1)!;
    expect(result.x).toEqual(last.x);
    expect(result.value).toBe(last.value);
  });

  it('works with an asynchronous (Promise) objective and gives the same result', async () => {
    const asyncObjective: Objective = async (x) => {
      await new Promise((resolve) => setImmediate(resolve));
      return rosenbrock(x);
    };
    const [a, s] = await Promise.all([
      minimizeLbfgs(asyncObjective, Float64Array.of(-1.2, 1)),
      minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1)),
    ]);
    expect(a.x).toEqual(s.x);
    expect(a.iterations).toBe(s.iterations);
    expect(a.evaluations).toBe(s.evaluations);
  });
});

describe('lbfgs ownership of arrays', () => {
  it('never modifies x0, and is unaffected by an objective that scribbles over its argument', async () => {
    const x0 = rosenbrockStart(10);
    const clean = await minimizeLbfgs(rosenbrock, x0);
    expect(Array.from(x0)).toEqual(Array.from(rosenbrockStart(10)));
    const scribbled = await minimizeLbfgs((x) => {
      const out = rosenbrock(x);
      x.fill(Number.NaN);
      return out;
    }, x0);
    expect(scribbled.x).toEqual(clean.x);
    expect(scribbled.evaluations).toBe(clean.evaluations);
  });

  it('copies the returned gradient, so the objective may reuse one buffer for every call', async () => {
    const shared = new Float64Array(10);
    const reused = await minimizeLbfgs((x) => {
      const out = rosenbrock(x);
      shared.set(out.gradient);
      return { value: out.value, gradient: shared };
    }, rosenbrockStart(10));
    const clean = await minimizeLbfgs(rosenbrock, rosenbrockStart(10));
    expect(reused.x).toEqual(clean.x);
  });

  it('hands out progress x and result arrays that are independent copies', async () => {
    const { progress, result } = await drain(
      lbfgs(rosenbrock, Float64Array.of(-1.2, 1), { maxIter: 3 }),
    );
    const snapshot = Array.from(progress[0]!.x);
    progress[1]!.x.fill(0);
    result.x.fill(0);
    expect(Array.from(progress[0]!.x)).toEqual(snapshot);
    expect(result.state.x).not.toEqual([0, 0]);
  });
});

describe('lbfgs save and resume', () => {
  it('resumed after 10 iterations (through JSON) ends bit for bit where the uninterrupted run ends', async () => {
    const x0 = rosenbrockStart(100);
    const full = await minimizeLbfgs(rosenbrock, x0);
    const first = await minimizeLbfgs(rosenbrock, x0, { maxIter: 10 });
    expect(first.stopReason).toBe(StopReason.MaxIter);
    const saved = JSON.parse(JSON.stringify(first.state)) as LbfgsState;
    expect(saved.history.s.length).toBe(10);
    const resumed = await minimizeLbfgs(rosenbrock, saved);
    expect(Array.from(resumed.x)).toEqual(Array.from(full.x));
    expect(resumed.value).toBe(full.value);
    expect(resumed.iterations).toBe(full.iterations);
    expect(resumed.evaluations).toBe(full.evaluations);
    expect(resumed.stopReason).toBe(full.stopReason);
  });

  it('can save mid-run from a progress report (full history) and resume exactly', async () => {
    const x0 = rosenbrockStart(20);
    let saved: LbfgsState | undefined;
    const full = await minimizeLbfgs(rosenbrock, x0, {
      historySize: 5,
      onProgress: (p) => {
        if (p.iteration === 40) saved = JSON.parse(JSON.stringify(p.saveState())) as LbfgsState;
      },
    });
    expect(saved?.iteration).toBe(40);
    expect(saved?.history.s.length).toBe(5);
    const resumed = await minimizeLbfgs(rosenbrock, saved!);
    expect(Array.from(resumed.x)).toEqual(Array.from(full.x));
    expect(resumed.evaluations).toBe(full.evaluations);
  });

  it('a resumed run that had already converged stops at once without evaluating', async () => {
    const done = await minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1));
    const counted = countCalls(rosenbrock);
    const again = await minimizeLbfgs(counted, done.state);
    expect(counted.calls).toBe(0);
    expect(again.stopReason).toBe(done.stopReason);
    expect(again.x).toEqual(done.x);
  });

  it('refuses a stale saveState() and malformed states with OptimizerStateError', async () => {
    const run = lbfgs(rosenbrock, Float64Array.of(-1.2, 1));
    const first = (await run.next()).value as IterationProgress;
    await run.next();
    expect(() => first.saveState()).toThrow(
      /saveState\(\) of iteration 1 was first used after the optimizer moved on to iteration 2/,
    );
    expect(() => first.x).toThrow(/progress.x of iteration 1 was first used after/);
    await run.return(undefined as never);

    const { state } = await minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { maxIter: 12 });
    await expect(
      minimizeLbfgs(rosenbrock, { ...state, kind: 'sgd' } as unknown as LbfgsState),
    ).rejects.toThrow(OptimizerStateError);
    await expect(minimizeLbfgs(rosenbrock, { ...state, x: [1] })).rejects.toThrow(
      "lbfgs state field 'x': expected 2 numbers, found 1",
    );
    await expect(minimizeLbfgs(rosenbrock, state, { historySize: 3 })).rejects.toThrow(
      /at most historySize = 3 pairs, found 10/,
    );
  });
});
