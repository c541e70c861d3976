import { describe, expect, it } from 'vitest';
import { bestIndex, meanAndStd } from './fold-statistics.js';

describe('fold statistics', () => {
  it('gives the mean and numpy’s population std (ddof=0)', () => {
    // numpy: np.mean([0.9, 0.8, 0.85, 0.95]) = 0.875, np.std(...) = 0.0559016994374947
    const { mean, std } = meanAndStd([0.9, 0.8, 0.85, 0.95]);
    expect(mean).toBeCloseTo(0.875, 15);
    expect(std).toBeCloseTo(0.0559016994374947, 15);
    expect(meanAndStd([0.5]).std).toBe(0);
  });

  it('picks the highest mean, the first on ties, skipping settings not scored yet', () => {
    expect(bestIndex([0.8, 0.9, 0.9, 0.7])).toBe(1);
    expect(bestIndex([Number.NaN, 0.7, Number.NaN])).toBe(1);
    expect(bestIndex([Number.NaN])).toBe(-1);
  });
});
