import { describe, expect, it } from 'vitest';
import {
  parameterCount,
  parameterOffsets,
  parametersFromWeights,
  weightsFromParameters,
} from './mlp-parameters.js';

const shape = { numFeatures: 2, hiddenUnits: 3, numClasses: 4 };

describe('the parameter vector [W1, b1, W2, b2]', () => {
  it('lays out the Dense kernels and biases in order', () => {
    expect(parameterOffsets(shape)).toEqual({
      kernel1: 0,
      bias1: 6,
      kernel2: 9,
      bias2: 21,
      length: 25,
    });
    expect(parameterCount({ numFeatures: 784, hiddenUnits: 128, numClasses: 10 })).toBe(
      784 * 128 + 128 + 128 * 10 + 10,
    );
  });

  it('splits into float32 weights and joins back', () => {
    const x = Float64Array.from({ length: 25 }, (_, i) => i + 0.5);
    const w = weightsFromParameters(x, shape);
    expect(Array.from(w.kernel1)).toEqual([0.5, 1.5, 2.5, 3.5, 4.5, 5.5]);
    expect(Array.from(w.bias1)).toEqual([6.5, 7.5, 8.5]);
    expect(w.kernel2).toHaveLength(12);
    expect(Array.from(w.bias2)).toEqual([21.5, 22.5, 23.5, 24.5]);
    expect(Array.from(parametersFromWeights(w))).toEqual(Array.from(x));
  });
});
