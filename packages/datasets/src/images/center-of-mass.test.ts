import { describe, expect, it } from 'vitest';
import { centerOfMass } from './center-of-mass.js';
import { raster } from './raster.js';

describe('centerOfMass', () => {
  it('is the pixel itself for one lit pixel', () => {
    const image = raster(5, 4);
    image.values[2 * 5 + 3] = 7;
    expect(centerOfMass(image)).toEqual({ row: 2, col: 3 });
  });

  it('weighs positions by ink', () => {
    // 3× the ink at column 0 as at column 4: (3·0 + 1·4) / 4 = 1.
    expect(centerOfMass(raster(5, 1, [3, 0, 0, 0, 1]))).toEqual({ row: 0, col: 1 });
  });

  it('is the middle of a symmetric shape, and undefined for an empty image', () => {
    const ring = raster(4, 4, [1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1]);
    expect(centerOfMass(ring)).toEqual({ row: 1.5, col: 1.5 });
    expect(centerOfMass(raster(3, 3))).toBeUndefined();
  });
});
