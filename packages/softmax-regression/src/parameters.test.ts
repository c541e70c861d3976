import { describe, expect, it } from 'vitest';
import {
  coefficientsFromKernel,
  parameterCount,
  parametersFromWeights,
  weightsFromParameters,
} from './parameters.js';

describe('the parameter layout', () => {
  // d = 2 features, k = 3 classes: kernel rows are features, columns classes.
  const x = Float64Array.of(11, 12, 13, 21, 22, 23, 0.1, 0.2, 0.3);

  it('splits [kernel d×k, bias k] and joins it back', () => {
    expect(parameterCount(2, 3)).toBe(9);
    const weights = weightsFromParameters(x, 2, 3);
    expect(Array.from(weights.kernel)).toEqual([11, 12, 13, 21, 22, 23]);
    expect(Array.from(weights.bias)).toEqual([0.1, 0.2, 0.3].map(Math.fround));
    expect(Array.from(parametersFromWeights(weights))).toEqual(
      Array.from(x, (v) => Math.fround(v)),
    );
  });

  it("gives scikit-learn's coef_ (k×d): row c holds class c's weight for every feature", () => {
    const coefficients = coefficientsFromKernel(weightsFromParameters(x, 2, 3));
    expect(Array.from(coefficients)).toEqual([11, 21, 12, 22, 13, 23]);
  });
});
