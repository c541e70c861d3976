import { describe, expect, it } from 'vitest';
import { balancedAccuracy } from './balanced-accuracy.js';
import { confusionMatrix } from './confusion-matrix-from-labels.js';

describe('balancedAccuracy', () => {
  it('matches the scikit-learn docstring example', () => {
    // balanced_accuracy_score([0,1,0,0,1,0], [0,1,0,0,0,1]) = 0.625: recall 3/4 and 1/2.
    expect(balancedAccuracy([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1], 2)).toBe(0.625);
  });

  it('averages only over classes present in yTrue', () => {
    // Class 2 is predicted but never true: recalls 1/2 and 2/2 → 0.75, not (0.5 + 1 + 0)/3.
    expect(balancedAccuracy([0, 0, 1, 1], [0, 2, 1, 1], 3)).toBe(0.75);
    // Class 3 is absent from both arrays.
    expect(balancedAccuracy([0, 1], [0, 0], 4)).toBe(0.5);
  });

  it('accepts a confusion matrix', () => {
    expect(balancedAccuracy(confusionMatrix([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1], 2))).toBe(
      0.625,
    );
  });

  it('rejects empty input', () => {
    expect(() => balancedAccuracy([], [], 2)).toThrow(
      'balancedAccuracy: expected yTrue to hold at least one sample, found an empty array',
    );
  });
});
