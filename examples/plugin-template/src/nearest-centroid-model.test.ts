import { describe, expect, it } from 'vitest';
import {
  centroidDistances,
  type NearestCentroidModel,
  probabilitiesFromDistances,
} from './nearest-centroid-model.js';
import { rowsOf } from './test-support/points.js';

// Centroids (1,1) and (5,4), as the five UNEQUAL points give.
const model: NearestCentroidModel = {
  numFeatures: 2,
  numClasses: 2,
  centroids: Float64Array.from([1, 1, 5, 4]),
  counts: Float64Array.from([3, 2]),
};

describe('distances to the centroids', () => {
  it('measures euclidean (L2) and manhattan (L1) distances', () => {
    const features = rowsOf([1, 1], [5, 1]);
    // (1,1): 0 and √(16+9) = 5; (5,1): 4 and 3.
    expect(Array.from(centroidDistances(model, 'euclidean', features))).toEqual([0, 5, 4, 3]);
    // (1,1): 0 and 4+3 = 7; (5,1): 4 and 3.
    expect(Array.from(centroidDistances(model, 'manhattan', features))).toEqual([0, 7, 4, 3]);
  });

  it('puts a class without training samples infinitely far away', () => {
    const partial = { ...model, counts: Float64Array.from([3, 0]) };
    expect(Array.from(centroidDistances(partial, 'euclidean', rowsOf([5, 4])))).toEqual([
      5,
      Number.POSITIVE_INFINITY,
    ]);
  });
});

describe('probabilities', () => {
  it('is softmax(-distance / temperature) per row', () => {
    const p = probabilitiesFromDistances(Float64Array.from([0, 5]), 2, 1);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-5)), 6);
    expect(p[1]).toBeCloseTo(Math.exp(-5) / (1 + Math.exp(-5)), 6);
    // Temperature 5 turns a distance gap of 5 into a logit gap of 1.
    const warm = probabilitiesFromDistances(Float64Array.from([0, 5]), 2, 5);
    expect(warm[1]).toBeCloseTo(Math.exp(-1) / (1 + Math.exp(-1)), 6);
  });

  it('depends only on distance differences, so huge distances do not underflow to 0/0', () => {
    const p = probabilitiesFromDistances(Float64Array.from([10_000, 10_001, 10_000]), 3, 1);
    const e = Math.exp(-1);
    expect(Array.from(p).map((v) => Number(v.toFixed(6)))).toEqual(
      [1 / (2 + e), e / (2 + e), 1 / (2 + e)].map((v) => Number(v.toFixed(6))),
    );
  });

  it('gives an infinitely far class probability 0', () => {
    const p = probabilitiesFromDistances(Float64Array.from([3, Number.POSITIVE_INFINITY]), 2, 1);
    expect(Array.from(p)).toEqual([1, 0]);
  });
});
