import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('public API', () => {
  it('minimizes f(x) = Σ (xᵢ − 1)² through the package entry with each optimizer', async () => {
    const f = (x: Float64Array) => ({
      value: x.reduce((sum, v) => sum + (v - 1) ** 2, 0),
      gradient: x.map((v) => 2 * (v - 1)),
    });
    const lbfgs = await api.minimizeLbfgs(f, new Float64Array(3));
    expect(lbfgs.stopReason).toBe(api.StopReason.Gtol);
    for (const v of lbfgs.x) expect(v).toBeCloseTo(1, 6);
    const stochastic = { numSamples: 1, epochs: 200, learningRate: 0.1 };
    for (const minimize of [api.minimizeSgd, api.minimizeAdam]) {
      const result = await minimize(f, new Float64Array(3), stochastic);
      for (const v of result.x) expect(v).toBeCloseTo(1, 2);
    }
    expect(api.formatNumber(0.000123456)).toBe('1.23e-4');
  });

  it('names every stop reason as a constant', () => {
    expect(Object.values(api.StopReason).sort()).toEqual(
      [
        'aborted',
        'early-stopping',
        'ftol',
        'gtol',
        'line-search-failed',
        'max-epochs',
        'max-eval',
        'max-iter',
        'no-improvement',
        'non-finite',
      ].sort(),
    );
  });

  it('documents the scipy-compatible L-BFGS defaults', () => {
    expect(api.LBFGS_DEFAULTS).toEqual({
      historySize: 10,
      gtol: 1e-5,
      ftol: 2.220446049250313e-9,
      maxIter: 15000,
      maxEval: 15000,
      curvatureEpsilon: 2.220446049250313e-16,
    });
  });

  it('exports typed errors that share one base class', () => {
    for (const E of [
      api.InvalidArgumentError,
      api.DimensionMismatchError,
      api.NonFiniteError,
      api.ObjectiveOutputError,
      api.OptimizerStateError,
    ]) {
      expect(E.prototype).toBeInstanceOf(api.OptimizerError);
    }
  });
});
