import { describe, expect, it } from 'vitest';
import { ClassSums } from './class-sums.js';
import { UNEQUAL } from './test-support/points.js';

describe('class sums and centroids', () => {
  it('averages each class: (1,1) and (5,4) for the five points', () => {
    const sums = new ClassSums(2, 2);
    sums.add(UNEQUAL, 0, 5);
    const model = sums.centroids(0);
    expect(Array.from(model.centroids)).toEqual([1, 1, 5, 4]);
    expect(Array.from(model.counts)).toEqual([3, 2]);
  });

  it('adds rows in chunks to the same result as in one go', () => {
    const sums = new ClassSums(2, 2);
    sums.add(UNEQUAL, 0, 2);
    sums.add(UNEQUAL, 2, 3);
    sums.add(UNEQUAL, 3, 5);
    expect(Array.from(sums.centroids(0).centroids)).toEqual([1, 1, 5, 4]);
  });

  it('leaves a class without rows at zero with count 0', () => {
    const sums = new ClassSums(2, 2);
    sums.add(UNEQUAL, 0, 1); // (0,0) of class 0 only
    const model = sums.centroids(0);
    expect(Array.from(model.counts)).toEqual([1, 0]);
    expect(Array.from(model.centroids)).toEqual([0, 0, 0, 0]);
  });

  it('shrinks towards the mean of all rows, weighted by class size', () => {
    const sums = new ClassSums(2, 2);
    sums.add(UNEQUAL, 0, 5);
    // Overall mean (2.6, 2.2); halfway from (1,1) is (1.8,1.6), from (5,4) is (3.8,3.1).
    const half = sums.centroids(0.5);
    const expected = [1.8, 1.6, 3.8, 3.1];
    expected.forEach((v, i) => {
      expect(half.centroids[i]).toBeCloseTo(v, 12);
    });
    const all = sums.centroids(1);
    // All the way: every class has the same centroid, the overall mean.
    expect(Array.from(all.centroids.subarray(2))).toEqual(Array.from(all.centroids.subarray(0, 2)));
    expect(all.centroids[0]).toBeCloseTo(2.6, 12);
    expect(all.centroids[1]).toBeCloseTo(2.2, 12);
  });

  it('hands out a snapshot that later rows do not change', () => {
    const sums = new ClassSums(2, 2);
    sums.add(UNEQUAL, 0, 2);
    const early = sums.centroids(0);
    sums.add(UNEQUAL, 2, 5);
    expect(Array.from(early.centroids)).toEqual([0, 0, 4, 4]);
    expect(Array.from(early.counts)).toEqual([1, 1]);
  });
});
