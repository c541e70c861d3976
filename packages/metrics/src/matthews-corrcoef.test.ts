import { describe, expect, it } from 'vitest';
import { confusionMatrix } from './confusion-matrix-from-labels.js';
import { matthewsCorrcoef } from './matthews-corrcoef.js';

describe('matthewsCorrcoef', () => {
  it('matches the scikit-learn docstring example', () => {
    // matthews_corrcoef([+1, +1, +1, -1], [+1, -1, +1, +1]) = -0.33…; with -1 → 0, +1 → 1.
    expect(matthewsCorrcoef([1, 1, 1, 0], [1, 0, 1, 1], 2)).toBeCloseTo(-1 / 3, 15);
  });

  it('computes the multiclass generalization', () => {
    // yTrue [0,0,1,1,2,2], yPred [0,1,1,1,2,0]: t = [2,2,2], p = [2,3,1], trace 4, s 6.
    // cov(t,p) = 4·6 - (4 + 6 + 2) = 12; s² - Σp² = 36 - 14 = 22; s² - Σt² = 24 → 12/√528.
    expect(matthewsCorrcoef([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0], 3)).toBeCloseTo(
      12 / Math.sqrt(528),
      15,
    );
  });

  it('is -1 for perfectly inverted binary predictions', () => {
    expect(matthewsCorrcoef([0, 1, 0, 1], [1, 0, 1, 0], 2)).toBe(-1);
  });

  it('is 0 when undefined (a single class on either side)', () => {
    expect(matthewsCorrcoef([1, 1, 1], [1, 1, 1], 3)).toBe(0);
    expect(matthewsCorrcoef([0, 1, 2], [2, 2, 2], 3)).toBe(0);
  });

  it('accepts a confusion matrix', () => {
    expect(matthewsCorrcoef(confusionMatrix([1, 1, 1, 0], [1, 0, 1, 1], 2))).toBeCloseTo(
      -1 / 3,
      15,
    );
  });
});
