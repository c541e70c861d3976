import { describe, expect, it } from 'vitest';
import { downscale } from './downscale.js';

describe('downscale', () => {
  it('averages whole blocks', () => {
    // 4×4 → 2×2: each output pixel is the mean of a 2×2 block.
    const values = [0, 2, 4, 4, 2, 4, 4, 4, 1, 1, 8, 8, 1, 1, 8, 8];
    expect([...downscale(values, [4, 4], [2, 2])]).toEqual([2, 4, 1, 8]);
  });

  it('weights partly covered pixels by the part covered', () => {
    // 3 → 2 rows: [0, 1.5) takes row 0 whole and half of row 1; [1.5, 3) the other half and row 2.
    expect([...downscale([0, 3, 6], [3, 1], [2, 1])]).toEqual([1, 5]);
  });

  it('never enlarges, and refuses the wrong number of values', () => {
    expect([...downscale([1, 2, 3, 4], [2, 2], [4, 4])]).toEqual([1, 2, 3, 4]);
    expect(() => downscale([1, 2, 3], [2, 2], [1, 1])).toThrow('expected 2×2 = 4 values, found 3');
  });
});
