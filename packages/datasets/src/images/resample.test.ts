import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { raster } from './raster.js';
import { resample } from './resample.js';

const sum = (values: Float32Array) => values.reduce((a, b) => a + b, 0);

describe('resample', () => {
  it('is the identity at the same size', () => {
    const image = raster(3, 2, [1, 2, 3, 4, 5, 6]);
    expect(Array.from(resample(image, 3, 2).values)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('shrinks by area averages: a whole factor undoes pixel replication exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 25, maxLength: 25 }),
        (width, height, k, pool) => {
          const small = raster(width, height, pool.slice(0, width * height));
          const big = raster(
            width * k,
            height * k,
            Array.from({ length: width * k * height * k }, (_, i) => {
              const row = Math.floor(i / (width * k) / k);
              const col = Math.floor((i % (width * k)) / k);
              return small.values[row * width + col] as number;
            }),
          );
          const back = resample(big, width, height);
          back.values.forEach((v, i) => {
            expect(v).toBeCloseTo(small.values[i] as number, 3);
          });
        },
      ),
    );
  });

  it('averages what each output pixel covers at a fractional factor (3 → 2)', () => {
    // Output 0 covers source [0, 1.5): 1·a + 0.5·b over 1.5.
    const out = resample(raster(3, 1, [30, 60, 90]), 2, 1);
    expect(out.values[0]).toBeCloseTo((30 + 0.5 * 60) / 1.5, 5);
    expect(out.values[1]).toBeCloseTo((0.5 * 60 + 90) / 1.5, 5);
  });

  it('keeps the total ink in proportion to the area when shrinking, and a flat image flat', () => {
    const values = Array.from({ length: 7 * 5 }, (_, i) => (i * 37) % 256);
    const out = resample(raster(7, 5, values), 3, 2);
    expect(sum(out.values) * (7 / 3) * (5 / 2)).toBeCloseTo(sum(Float32Array.from(values)), 1);
    for (const v of resample(raster(9, 4, new Array(36).fill(80)), 5, 3).values) {
      expect(v).toBeCloseTo(80, 4);
    }
  });

  it('enlarges by linear interpolation between pixel centres, edges held', () => {
    // 2 → 4: output centres sit at source −0.25, 0.25, 0.75, 1.25 → clamped, ¼ and ¾ of the way.
    expect(Array.from(resample(raster(2, 1, [0, 100]), 4, 1).values)).toEqual([0, 25, 75, 100]);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => resample(raster(2, 2), 0, 2)).toThrow(/positive integer size, found 0×2/);
  });
});
