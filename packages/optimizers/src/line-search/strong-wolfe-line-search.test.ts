import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import {
  type LineFunction,
  type LineSample,
  type LineSearchResult,
  strongWolfeLineSearch,
} from './strong-wolfe-line-search.js';

// The three test functions of Moré & Thuente (1994), section 5.
const mt1: LineFunction = (a) => ({
  value: -a / (a * a + 2),
  derivative: (a * a - 2) / (a * a + 2) ** 2,
});
const mt2: LineFunction = (a) => {
  const t = a + 0.004;
  return { value: t ** 5 - 2 * t ** 4, derivative: 5 * t ** 4 - 8 * t ** 3 };
};
const mt3: LineFunction = (a) => {
  const beta = 0.01;
  const l = 39;
  let value: number;
  let derivative: number;
  if (a <= 1 - beta) {
    value = 1 - a;
    derivative = -1;
  } else if (a >= 1 + beta) {
    value = a - 1;
    derivative = 1;
  } else {
    value = (a - 1) ** 2 / (2 * beta) + beta / 2;
    derivative = (a - 1) / beta;
  }
  value += ((2 * (1 - beta)) / (l * Math.PI)) * Math.sin((l * Math.PI * a) / 2);
  derivative += (1 - beta) * Math.cos((l * Math.PI * a) / 2);
  return { value, derivative };
};

/** Evaluates both strong-Wolfe conditions at the returned step, independently of the search. */
function expectStrongWolfe(
  phi: LineFunction,
  result: LineSearchResult,
  c1: number,
  c2: number,
): void {
  const at0 = phi(0) as LineSample;
  const at = phi(result.step) as LineSample;
  expect(result.status).toBe('converged');
  expect(result.step).toBeGreaterThan(0);
  expect(at.value).toBe(result.value);
  expect(at.value).toBeLessThanOrEqual(at0.value + c1 * result.step * at0.derivative);
  expect(Math.abs(at.derivative)).toBeLessThanOrEqual(c2 * Math.abs(at0.derivative));
}

async function search(
  phi: LineFunction,
  initialStep: number,
  c1: number,
  c2: number,
  xtol?: number,
): Promise<LineSearchResult> {
  const at0 = await phi(0);
  return strongWolfeLineSearch(phi, at0.value, at0.derivative, initialStep, { c1, c2, xtol });
}

describe('strongWolfeLineSearch', () => {
  const cases = [
    { name: 'Moré–Thuente function 1', phi: mt1, c1: 1e-3, c2: 0.1 },
    { name: 'Moré–Thuente function 2', phi: mt2, c1: 1e-3, c2: 0.1 },
    { name: 'Moré–Thuente function 3', phi: mt3, c1: 1e-3, c2: 0.1 },
    { name: 'Moré–Thuente function 1, L-BFGS constants', phi: mt1, c1: 1e-4, c2: 0.9 },
    { name: 'Moré–Thuente function 3, L-BFGS constants', phi: mt3, c1: 1e-4, c2: 0.9 },
  ];
  for (const { name, phi, c1, c2 } of cases) {
    for (const initialStep of [1e-3, 1e-1, 1e1, 1e3]) {
      it(`${name} from α0 = ${initialStep} returns a step satisfying both conditions`, async () => {
        // A tiny xtol, as in the paper's experiments, so the search runs to both conditions.
        const result = await search(phi, initialStep, c1, c2, 1e-10);
        expectStrongWolfe(phi, result, c1, c2);
        expect(result.evaluations).toBeLessThanOrEqual(20);
      });
    }
  }

  it('with the default xtol = 0.1, stops at the best trial without evaluating it again', async () => {
    // Function 2 from α0 = 0.1 brackets the minimizer 1.596 in [1.585, 1.602], narrower than
    // 0.1 · 1.602, so the search ends with 'xtol' at its best point, which has sufficient decrease.
    const steps: number[] = [];
    const phi: LineFunction = (a) => {
      steps.push(a);
      return mt2(a);
    };
    const at0 = mt2(0) as LineSample;
    const best: number[] = [];
    const result = await strongWolfeLineSearch(phi, at0.value, at0.derivative, 0.1, {
      c1: 1e-3,
      c2: 0.1,
      onBest: (step) => best.push(step),
    });
    expect(result.status).toBe('xtol');
    expect(result.atBestTrial).toBe(true);
    expect(result.step).toBe(best.at(-1));
    expect(new Set(steps).size).toBe(steps.length);
    expect(result.evaluations).toBe(steps.length);
    const at = mt2(result.step) as LineSample;
    expect(result.value).toBe(at.value);
    expect(result.derivative).toBe(at.derivative);
    expect(at.value).toBeLessThanOrEqual(at0.value + 1e-3 * result.step * at0.derivative);
  });

  it('accepts the first trial when it already satisfies both conditions (function 1, α0 = 10)', async () => {
    // By hand: φ(10) = −10/102 ≤ φ(0) + 1e-3·10·(−0.5); |φ'(10)| = 98/102² ≈ 0.0094 ≤ 0.1·0.5.
    const result = await search(mt1, 10, 1e-3, 0.1);
    expect(result.evaluations).toBe(1);
    expect(result.step).toBe(10);
  });

  it('finds the exact minimizer region of a quadratic: |φ′| small relative to φ′(0)', async () => {
    // φ(α) = (α − 3)², φ'(0) = −6; the strong-Wolfe interval with c2 = 0.1 is |2(α − 3)| ≤ 0.6.
    const phi: LineFunction = (a) => ({ value: (a - 3) ** 2, derivative: 2 * (a - 3) });
    const result = await search(phi, 1, 1e-4, 0.1);
    expect(Math.abs(result.step - 3)).toBeLessThanOrEqual(0.3);
  });

  it('holds the strong-Wolfe conditions on random convex quadratics and start steps', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 1e-4, max: 1e4, noNaN: true }),
        async (curvature, minimizer, offset, initialStep) => {
          const phi: LineFunction = (a) => ({
            value: curvature * (a - minimizer) ** 2 + offset,
            derivative: 2 * curvature * (a - minimizer),
          });
          const result = await search(phi, initialStep, 1e-4, 0.9);
          expectStrongWolfe(phi, result, 1e-4, 0.9);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('backs off from a step where φ is NaN and still satisfies the conditions', async () => {
    // φ(α) = −log(1 − α/2) − α is defined only for α < 2; its minimizer is α = 1.
    const seen: number[] = [];
    const phi: LineFunction = (a) => {
      seen.push(a);
      return { value: -Math.log(1 - a / 2) - a, derivative: 1 / (2 - a) - 1 };
    };
    const result = await search(phi, 8, 1e-4, 0.9);
    // seen[0] is the φ(0) evaluation made by the test helper.
    expect(seen[1]).toBe(8);
    expect(Number.isNaN((phi(8) as LineSample).value)).toBe(true);
    // Halving toward 0: 8 → 4 → 2 (φ(2) = +Infinity) → 1.
    expect(seen.slice(2, 5)).toEqual([4, 2, 1]);
    expectStrongWolfe(phi, result, 1e-4, 0.9);
    expect(result.step).toBeLessThan(2);
  });

  it("reports 'non-finite' with a bounded number of evaluations when φ is NaN for every α > 0", async () => {
    let calls = 0;
    const phi: LineFunction = () => {
      calls++;
      return { value: Number.NaN, derivative: Number.NaN };
    };
    const result = await strongWolfeLineSearch(phi, 0, -1, 1, { maxBackoffs: 12 });
    expect(result.status).toBe('non-finite');
    expect(calls).toBe(13);
    expect(result.evaluations).toBe(13);
    expect(result.message).toMatch(/non-finite at 13 trial steps/);
  });

  it("reports 'max-trials' when the budget ends before both conditions hold", async () => {
    // From α0 = 1e-3 on function 1 the first trial has sufficient decrease but |φ'| is too large.
    const result = await strongWolfeLineSearch(mt1, 0, -0.5, 1e-3, {
      c1: 1e-3,
      c2: 0.1,
      maxTrials: 1,
    });
    expect(result.status).toBe('max-trials');
    expect(result.evaluations).toBe(1);
    expect(result.message).toMatch(/within 1 trials/);
  });

  it('stops before evaluating when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const result = await strongWolfeLineSearch(
      (a) => {
        calls++;
        return mt1(a);
      },
      0,
      -0.5,
      1,
      { signal: controller.signal },
    );
    expect(result.status).toBe('aborted');
    expect(calls).toBe(0);
  });

  it('awaits asynchronous line functions', async () => {
    const phi: LineFunction = async (a) => {
      await new Promise((resolve) => setImmediate(resolve));
      return mt1(a) as LineSample;
    };
    const asyncResult = await search(phi, 1e-3, 1e-3, 0.1);
    const syncResult = await search(mt1, 1e-3, 1e-3, 0.1);
    expect(asyncResult.status).toBe('converged');
    expect(asyncResult).toEqual(syncResult);
  });

  it('rejects an ascent direction and inconsistent constants with the values found', async () => {
    await expect(strongWolfeLineSearch(mt1, 0, 0.5, 1)).rejects.toThrow(
      /φ'\(0\): expected a finite negative number \(a descent direction\), found 0.5/,
    );
    await expect(strongWolfeLineSearch(mt1, 0, -0.5, 1, { c1: 0.5, c2: 0.4 })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(strongWolfeLineSearch(mt1, 0, -0.5, -1)).rejects.toThrow(/initialStep/);
  });
});
