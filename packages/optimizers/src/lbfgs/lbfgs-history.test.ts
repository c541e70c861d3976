import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LbfgsHistory } from './lbfgs-history.js';

/** Dense BFGS inverse update H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ from H₀ = γI (the textbook formula). */
function denseDirection(pairs: { s: number[]; y: number[] }[], g: number[]): number[] {
  const n = g.length;
  const last = pairs.at(-1)!;
  const gamma = dotArr(last.s, last.y) / dotArr(last.y, last.y);
  let h = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? gamma : 0)),
  );
  for (const { s, y } of pairs) {
    const rho = 1 / dotArr(s, y);
    const left = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? 1 : 0) - rho * s[i]! * y[j]!),
    );
    const right = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? 1 : 0) - rho * y[i]! * s[j]!),
    );
    h = matMul(matMul(left, h), right).map((row, i) => row.map((v, j) => v + rho * s[i]! * s[j]!));
  }
  return h.map((row) => -dotArr(row, g));
}

function dotArr(a: number[], b: number[]): number {
  return a.reduce((sum, v, i) => sum + v * b[i]!, 0);
}

function matMul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((sum, v, k) => sum + v * b[k]![j]!, 0)));
}

function push(history: LbfgsHistory, s: number[], y: number[]): void {
  history.nextS.set(s);
  history.nextY.set(y);
  history.commit(dotArr(s, y), dotArr(y, y));
}

/** The two-loop direction for g agrees with the dense update over `kept`, relative to its size. */
function expectDenseDirection(
  history: LbfgsHistory,
  kept: { s: number[]; y: number[] }[],
  g: number[],
): void {
  const out = new Float64Array(g.length);
  history.direction(Float64Array.from(g), out);
  const expected = denseDirection(kept, g);
  const scale = Math.max(1, ...expected.map(Math.abs));
  for (let i = 0; i < g.length; i++)
    expect(Math.abs(out[i]! - expected[i]!) / scale).toBeLessThan(1e-9);
}

/** A pair with sᵀy > 0: y = B s for a random SPD-ish B = I·c + small perturbation. */
const pairArb = (n: number) =>
  fc
    .tuple(
      fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: n, maxLength: n }),
      fc.array(fc.double({ min: -0.3, max: 0.3, noNaN: true }), { minLength: n, maxLength: n }),
      fc.double({ min: 0.5, max: 5, noNaN: true }),
    )
    .filter(([s]) => dotArr(s, s) > 1e-2)
    .map(([s, noise, c]) => {
      const y = s.map((v, i) => c * v + noise[i]! * Math.sqrt(dotArr(s, s)));
      return { s, y };
    })
    .filter(({ s, y }) => dotArr(s, y) > 1e-3);

describe('LbfgsHistory', () => {
  it('returns steepest descent −g when empty', () => {
    const history = new LbfgsHistory(3, 2);
    const out = new Float64Array(2);
    history.direction(Float64Array.of(1, -2), out);
    expect(Array.from(out)).toEqual([-1, 2]);
  });

  it.each([
    { history: 'not yet full', n: 4, m: 5, pushed: [1, 3], numRuns: 200, seed: 11 },
    { history: 'full, evicting the oldest', n: 3, m: 2, pushed: [3, 7], numRuns: 100, seed: 12 },
  ])(
    'matches the dense BFGS inverse update over the newest m pairs (history $history)',
    ({ n, m, pushed: [minLength, maxLength], numRuns, seed }) => {
      fc.assert(
        fc.property(
          fc.array(pairArb(n), { minLength, maxLength }),
          fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: n, maxLength: n }),
          (pairs, g) => {
            const history = new LbfgsHistory(m, n);
            for (const { s, y } of pairs) push(history, s, y);
            expect(history.size).toBe(Math.min(pairs.length, m));
            expectDenseDirection(history, pairs.slice(-m), g);
          },
        ),
        { numRuns, seed },
      );
    },
  );

  it('with one pair on a quadratic with Hessian cI, gives the exact Newton step −g / c', () => {
    const history = new LbfgsHistory(3, 2);
    push(history, [1, 2], [4, 8]);
    const out = new Float64Array(2);
    history.direction(Float64Array.of(3, -1), out);
    expect(out[0]).toBeCloseTo(-0.75, 15);
    expect(out[1]).toBeCloseTo(0.25, 15);
  });

  it('forgets every pair on clear()', () => {
    const history = new LbfgsHistory(3, 2);
    push(history, [1, 0], [2, 0]);
    history.clear();
    const out = new Float64Array(2);
    history.direction(Float64Array.of(3, 4), out);
    expect(history.size).toBe(0);
    expect(Array.from(out)).toEqual([-3, -4]);
  });
});
