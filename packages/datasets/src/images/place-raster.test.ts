import { describe, expect, it } from 'vitest';
import { placeRaster } from './place-raster.js';
import { raster } from './raster.js';

describe('placeRaster', () => {
  it('draws the image at the offset on a zero field', () => {
    const field = placeRaster(raster(2, 2, [1, 2, 3, 4]), 4, 3, 1, 2);
    expect(Array.from(field.values)).toEqual([0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4]);
  });

  it('cuts off what falls outside, on any side', () => {
    const image = raster(2, 2, [1, 2, 3, 4]);
    expect(Array.from(placeRaster(image, 2, 2, -1, -1).values)).toEqual([4, 0, 0, 0]);
    expect(Array.from(placeRaster(image, 2, 2, 1, 1).values)).toEqual([0, 0, 0, 1]);
    expect(Array.from(placeRaster(image, 2, 2, 5, 0).values)).toEqual([0, 0, 0, 0]);
  });

  it('takes whole pixels only', () => {
    expect(() => placeRaster(raster(1, 1), 2, 2, 0.5, 0)).toThrow(/whole-pixel offsets/);
  });
});
