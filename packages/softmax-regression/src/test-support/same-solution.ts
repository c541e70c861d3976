import type { FitResult } from '@digitlab/core';
import { maxAbsDifference } from '@digitlab/core/testing';
import { expect } from 'vitest';
import type { SoftmaxRegressionMethods } from '../softmax-regression-definition.js';

/** A finished fit: how it ended and the classifier it trained. */
export interface FinishedFit {
  readonly result: FitResult;
  readonly classifier: Pick<SoftmaxRegressionMethods, 'coefficients'>;
}

/**
 * Expect two fits of the same problem, held or computed differently (layouts, backends, worker
 * counts), to reach the same solution: objectives and coefficients each within its tolerance.
 */
export function expectSameSolution(
  a: FinishedFit,
  b: FinishedFit,
  tolerance: { readonly objective: number; readonly coefficients: number },
): void {
  // A fit that reports no objective fails here (NaN is not less than anything).
  const gap = Math.abs((a.result.objective ?? Number.NaN) - (b.result.objective ?? Number.NaN));
  expect(gap, 'objective gap').toBeLessThan(tolerance.objective);
  const coefficients = maxAbsDifference(a.classifier.coefficients(), b.classifier.coefficients());
  expect(coefficients, 'largest coefficient difference').toBeLessThan(tolerance.coefficients);
}
