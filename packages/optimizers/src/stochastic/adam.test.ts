import { describe, expect, it } from 'vitest';
import type { MiniBatchObjective } from '../objective.js';
import { noisyLeastSquares } from '../test-support/least-squares.js';
import { adam, minimizeAdam } from './adam.js';

describe('adam', () => {
  it('one step on f(x) = x² from x = 1 matches the hand computation', async () => {
    // g = 2; m = 0.1·2 = 0.2; v = 0.001·4 = 0.004; m̂ = 0.2 / 0.1 = 2; v̂ = 0.004 / 0.001 = 4;
    // x = 1 − 0.1 · 2 / (√4 + 1e-8) = 1 − 0.1 · 0.999999995 = 0.9000000005.
    const result = await minimizeAdam(
      (x) => ({ value: x[0]! ** 2, gradient: Float64Array.of(2 * x[0]!) }),
      Float64Array.of(1),
      { numSamples: 1, epochs: 1, learningRate: 0.1 },
    );
    expect(result.x[0]).toBeCloseTo(0.9000000005, 15);
    expect(result.state.buffers.t).toBe(1);
    expect(result.state.buffers.m[0]).toBeCloseTo(0.2, 15);
    expect(result.state.buffers.v[0]).toBeCloseTo(0.004, 15);
  });

  it('matches a scalar reference implementation step by step', async () => {
    const beta1 = 0.8;
    const beta2 = 0.99;
    const eps = 1e-6;
    const lr = 0.05;
    // A non-quadratic gradient, so every step's g differs: f = Σ (i + 1)·xᵢ⁴ / 4 + xᵢ.
    const grad = (x: number, i: number) => (i + 1) * x ** 3 + 1;
    const objective: MiniBatchObjective = (x) => ({
      value: 0,
      gradient: Float64Array.from(x, (v, i) => grad(v, i)),
    });
    const x0 = [0.5, -1, 2];
    const reference = x0.map((start, i) => {
      let x = start;
      let m = 0;
      let v = 0;
      const trajectory: number[] = [];
      for (let t = 1; t <= 6; t++) {
        const g = grad(x, i);
        m = beta1 * m + (1 - beta1) * g;
        v = beta2 * v + (1 - beta2) * g * g;
        const mHat = m / (1 - beta1 ** t);
        const vHat = v / (1 - beta2 ** t);
        x -= (lr * mHat) / (Math.sqrt(vHat) + eps);
        trajectory.push(x);
      }
      return trajectory;
    });
    const run = adam(objective, Float64Array.from(x0), {
      numSamples: 1,
      epochs: 6,
      learningRate: lr,
      beta1,
      beta2,
      epsilon: eps,
    });
    let step = 0;
    for await (const p of run) {
      for (let i = 0; i < 3; i++)
        expect(Math.abs(p.x[i]! - reference[i]![step]!)).toBeLessThanOrEqual(1e-14);
      step++;
    }
    expect(step).toBe(6);
  });

  it("keeps x and g in the kernel's memory from 1,024 parameters on: the textbook steps, an exact resume, x0 untouched", async () => {
    const n = 1_501;
    const target = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    const grad = (v: number, i: number) => ((i % 7) + 1) * (v - target[i]!) ** 3 + (v - target[i]!);
    const objective: MiniBatchObjective = (x) => ({
      value: 0,
      gradient: Float64Array.from(x, grad),
    });
    const x0 = new Float64Array(n).fill(0.5);
    const options = { numSamples: 1, epochs: 8, learningRate: 0.01 };
    const expected = Float64Array.from(x0);
    const m = new Float64Array(n);
    const v = new Float64Array(n);
    for (let t = 1; t <= 8; t++) {
      for (let i = 0; i < n; i++) {
        const g = grad(expected[i]!, i);
        m[i] = 0.9 * m[i]! + (1 - 0.9) * g;
        v[i] = 0.999 * v[i]! + (1 - 0.999) * g * g;
        const mHat = m[i]! / (1 - 0.9 ** t);
        const vHat = v[i]! / (1 - 0.999 ** t);
        expected[i]! -= (0.01 * mHat) / (Math.sqrt(vHat) + 1e-8);
      }
    }
    const result = await minimizeAdam(objective, x0, options);
    expect(x0.every((value) => value === 0.5)).toBe(true);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      worst = Math.max(worst, Math.abs(result.x[i]! - expected[i]!) / Math.abs(expected[i]!));
    }
    expect(worst).toBeLessThanOrEqual(1e-12);
    const first = await minimizeAdam(objective, x0, { ...options, epochs: 3 });
    const resumed = await minimizeAdam(objective, first.state, options);
    expect(resumed.x).toEqual(result.x);
    expect(resumed.state.buffers).toEqual(result.state.buffers);
  });

  it('reaches the exact least-squares solution of a noisy problem (A 500×5, seeded)', async () => {
    const { objective, exact } = noisyLeastSquares(500, 5, 0.1, 42);
    const result = await minimizeAdam(objective, new Float64Array(5), {
      numSamples: 500,
      batchSize: 25,
      epochs: 80,
      learningRate: 0.05,
      schedule: { type: 'cosine' },
      seed: 2,
    });
    for (let i = 0; i < 5; i++) expect(Math.abs(result.x[i]! - exact[i]!)).toBeLessThan(1e-3);
  });

  it('rejects β outside [0, 1)', async () => {
    await expect(
      minimizeAdam(() => ({ value: 0, gradient: [0] }), Float64Array.of(0), {
        numSamples: 1,
        beta2: 1,
      }),
    ).rejects.toThrow(/invalid beta2: expected a number in \[0, 1\), found 1/);
  });
});
