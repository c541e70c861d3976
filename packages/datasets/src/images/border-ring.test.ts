import { describe, expect, it } from 'vitest';
import { borderRing, borderRingThickness } from './border-ring.js';
import { raster } from './raster.js';

describe('borderRing', () => {
  it('is the outermost pixels, each once', () => {
    // 4 wide, 3 high, numbered 0..11: only 5 is inside.
    const image = raster(
      4,
      3,
      Array.from({ length: 12 }, (_, i) => i),
    );
    expect(Array.from(borderRing(image, 1)).sort((a, b) => a - b)).toEqual([
      0, 1, 2, 3, 4, 7, 8, 9, 10, 11,
    ]);
  });

  it('grows inwards with the thickness and stops at the centre', () => {
    const image = raster(
      5,
      5,
      Array.from({ length: 25 }, (_, i) => i),
    );
    expect(borderRing(image, 2)).toHaveLength(24);
    expect(borderRing(image, 9)).toHaveLength(25);
  });

  it('is 2% of the shorter side thick, at least one pixel', () => {
    expect(borderRingThickness({ width: 28, height: 28 })).toBe(1);
    expect(borderRingThickness({ width: 4000, height: 3000 })).toBe(60);
  });
});
