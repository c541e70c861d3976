import { describe, expect, it } from 'vitest';
import { maxAbsDifference } from './max-abs-difference.js';

describe('maxAbsDifference', () => {
  it('is the largest entry-wise gap, and refuses arrays of different lengths', () => {
    expect(maxAbsDifference([1, 2, 3], Float32Array.of(1, 2.5, 2))).toBe(1);
    expect(maxAbsDifference([], [])).toBe(0);
    expect(() => maxAbsDifference([1], [1, 2])).toThrow(/same length, found 1 and 2/);
  });
});
