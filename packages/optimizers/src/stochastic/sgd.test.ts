import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import type { MiniBatchObjective, ObjectiveOutput } from '../objective.js';
import { StopReason } from '../stop-reason.js';
import { noisyLeastSquares } from '../test-support/least-squares.js';
import type { EpochProgress } from './epoch-progress.js';
import { minimizeSgd, sgd } from './sgd.js';
import type { SgdState } from './stochastic-state.js';

/** f(x) = x², one sample, one batch per epoch: every epoch is exactly one SGD step. */
const square: MiniBatchObjective = (x) => ({
  value: x[0]! * x[0]!,
  gradient: Float64Array.of(2 * x[0]!),
});

async function epochXs(
  options: Parameters<typeof minimizeSgd>[2],
  x0: Float64Array,
): Promise<number[][]> {
  const xs: number[][] = [];
  await minimizeSgd(square, x0, { ...options, onProgress: (p) => void xs.push(Array.from(p.x)) });
  return xs;
}

describe('sgd update rules, hand-computed on f(x) = x² from x = 1, lr 0.1', () => {
  const rules = [
    // 1 − 0.1·2 = 0.8; 0.8 − 0.1·1.6 = 0.64.
    { rule: 'plain: x ← x − lr·g', options: {}, expected: [0.8, 0.64] },
    // Step 1: g = 2, v = 2, x = 0.8. Step 2: g = 1.6, v = 1.8 + 1.6 = 3.4, x = 0.8 − 0.34 = 0.46.
    {
      rule: 'momentum 0.9: v ← μv + g, x ← x − lr·v',
      options: { momentum: 0.9 },
      expected: [0.8, 0.46],
    },
    // Step 1: g = 2, v = 2, x = 1 − 0.1·(2 + 1.8) = 0.62.
    // Step 2: g = 1.24, v = 1.8 + 1.24 = 3.04, x = 0.62 − 0.1·(1.24 + 2.736) = 0.2224.
    {
      rule: 'Nesterov 0.9: x ← x − lr·(g + μv)',
      options: { momentum: 0.9, nesterov: true },
      expected: [0.62, 0.2224],
    },
    // g = 2·1 + 0.5·1 = 2.5, x = 1 − 0.25 = 0.75.
    {
      rule: 'weight decay adds λ·x to the gradient',
      options: { weightDecay: 0.5 },
      expected: [0.75],
    },
  ];
  for (const { rule, options, expected } of rules) {
    it(rule, async () => {
      const xs = await epochXs(
        { numSamples: 1, epochs: expected.length, learningRate: 0.1, ...options },
        Float64Array.of(1),
      );
      for (const [epoch, x] of expected.entries()) expect(xs[epoch]![0]).toBeCloseTo(x, 15);
    });
  }

  it('clipNorm rescales the gradient to that 2-norm and reports the norm before clipping', async () => {
    // At x = (3, 4), f = 500‖x‖² has g = (3000, 4000), ‖g‖ = 5000 → clipped to (0.6, 0.8).
    const objective: MiniBatchObjective = (x) => ({
      value: 500 * (x[0]! ** 2 + x[1]! ** 2),
      gradient: Float64Array.of(1000 * x[0]!, 1000 * x[1]!),
    });
    const seen: EpochProgress<SgdState>[] = [];
    const result = await minimizeSgd(objective, Float64Array.of(3, 4), {
      numSamples: 1,
      epochs: 1,
      learningRate: 0.5,
      clipNorm: 1,
      onProgress: (p) => void seen.push(p),
    });
    expect(result.x[0]).toBeCloseTo(3 - 0.3, 14);
    expect(result.x[1]).toBeCloseTo(4 - 0.4, 14);
    expect(seen[0]!.gradientNorm2).toBe(5000);
    expect(seen[0]!.gradientNorm).toBe(4000);
  });

  it('rejects Nesterov without momentum and momentum outside [0, 1)', async () => {
    await expect(
      minimizeSgd(square, Float64Array.of(1), { numSamples: 1, nesterov: true }),
    ).rejects.toThrow(
      new InvalidArgumentError('momentum', 'a number > 0 when nesterov is true', 0),
    );
    await expect(
      minimizeSgd(square, Float64Array.of(1), { numSamples: 1, momentum: 1 }),
    ).rejects.toThrow(/invalid momentum: expected a number in \[0, 1\), found 1/);
  });
});

describe('sgd on noisy least squares (A 500×5, seeded)', () => {
  const { objective, exact } = noisyLeastSquares(500, 5, 0.1, 42);

  it('the normal-equations solution is the least-squares minimizer (gradient ≈ 0)', () => {
    const all = Uint32Array.from({ length: 500 }, (_, i) => i);
    const { gradient } = objective(exact, all) as ObjectiveOutput;
    for (const g of Array.from(gradient)) expect(Math.abs(g)).toBeLessThan(1e-12);
  });

  it('with momentum and a cosine schedule reaches the exact solution', async () => {
    const result = await minimizeSgd(objective, new Float64Array(5), {
      numSamples: 500,
      batchSize: 25,
      epochs: 60,
      learningRate: 0.02,
      momentum: 0.9,
      schedule: { type: 'cosine' },
      seed: 1,
    });
    expect(result.stopReason).toBe(StopReason.MaxEpochs);
    for (let i = 0; i < 5; i++) expect(Math.abs(result.x[i]! - exact[i]!)).toBeLessThan(1e-3);
  });

  it('reports the learning rate of each epoch as the schedule says', async () => {
    const rates: number[] = [];
    const run = sgd(objective, new Float64Array(5), {
      numSamples: 500,
      batchSize: 100,
      epochs: 5,
      learningRate: 0.1,
      schedule: { type: 'step', everyEpochs: 2, gamma: 0.5 },
    });
    for await (const p of run) rates.push(p.learningRate);
    expect(rates).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
  });
});
