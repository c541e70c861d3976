import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median, robustSpread } from './robust-statistics.js';

/** The textbook median, by sorting: the reference quickselect must match. */
function sortedMedian(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

describe('median', () => {
  it('is the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('matches sorting on any values, duplicates included, and leaves its input alone', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 }),
        (xs) => {
          const input = Float32Array.from(xs);
          expect(median(input)).toBe(sortedMedian(xs));
          expect(Array.from(input)).toEqual(xs);
        },
      ),
    );
  });
});

describe('robustSpread', () => {
  it('is 1.4826 × the median absolute deviation', () => {
    // Deviations from the median 3: 2, 1, 0, 1, 2 → MAD 1.
    expect(robustSpread([1, 2, 3, 4, 5])).toBeCloseTo(1.4826, 10);
    expect(robustSpread([9, 9, 9, 9])).toBe(0);
  });

  it('ignores a minority of outliers (a stroke crossing the border)', () => {
    const paper = [10, 11, 12, 10, 11, 12, 10, 11, 12, 11];
    expect(robustSpread([...paper, 250, 255, 240])).toBeCloseTo(robustSpread(paper), 0);
  });
});
