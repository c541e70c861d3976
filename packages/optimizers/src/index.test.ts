import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('public API', () => {
  it('exports the optimizers, the line search and the schedule helpers as functions', () => {
    const functions = [
      api.lbfgs,
      api.minimizeLbfgs,
      api.sgd,
      api.minimizeSgd,
      api.adam,
      api.minimizeAdam,
      api.strongWolfeLineSearch,
      api.learningRateAt,
      api.updateAdaptiveSchedule,
      api.epochPermutation,
      api.lbfgsSteps,
      api.stochasticSteps,
      api.formatNumber,
      api.sameVector,
    ];
    for (const f of functions) expect(typeof f).toBe('function');
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
