import { describe, expect, it } from 'vitest';
import { accuracy } from './accuracy.js';
import { confusionMatrix } from './confusion-matrix-from-labels.js';

describe('accuracy', () => {
  it('matches the scikit-learn docstring example', () => {
    // accuracy_score([0, 1, 2, 3], [0, 2, 1, 3]) = 0.5
    expect(accuracy([0, 1, 2, 3], [0, 2, 1, 3])).toBe(0.5);
  });

  it('is trace / total when given a confusion matrix', () => {
    // [[2,0,0],[0,0,1],[1,0,2]]: trace 4 of 6.
    const cm = confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2], 3);
    expect(accuracy(cm)).toBeCloseTo(4 / 6, 15);
  });

  it('accepts typed arrays', () => {
    expect(accuracy(Uint8Array.from([1, 1, 0]), Int32Array.from([1, 0, 0]))).toBeCloseTo(2 / 3, 15);
  });

  it('rejects empty input, mismatched lengths and non-label values', () => {
    expect(() => accuracy([], [])).toThrow(
      'accuracy: expected yTrue to hold at least one sample, found an empty array',
    );
    expect(() => accuracy([1], [1, 2])).toThrow(
      /yPred to have the same length as yTrue \(1\), found length 2/,
    );
    expect(() => accuracy([0, -1], [0, 0])).toThrow(
      'accuracy: expected yTrue[1] to be a non-negative integer label, found -1',
    );
    expect(() => accuracy([0, 0], [0, 0.5])).toThrow(/yPred\[1\].*found 0\.5/);
  });

  it('rejects a confusion matrix with no samples', () => {
    expect(() => accuracy(confusionMatrix([], [], 2))).toThrow(
      'accuracy: expected cm to count at least one sample, found a confusion matrix whose counts sum to 0',
    );
  });
});
