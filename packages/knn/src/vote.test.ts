import { describe, expect, it } from 'vitest';
import { argmaxLowest, neighbourVotes } from './vote.js';

const votes = (
  labels: number[],
  sq: number[] | undefined,
  weights: 'uniform' | 'distance',
  numClasses = 3,
) => Array.from(neighbourVotes(labels, sq, weights, new Float64Array(numClasses)));

describe('neighbourVotes', () => {
  it('gives each neighbour one vote with uniform weights', () => {
    expect(votes([2, 0, 2], undefined, 'uniform')).toEqual([1 / 3, 0, 2 / 3]);
    expect(votes([1], undefined, 'uniform')).toEqual([0, 1, 0]);
  });

  it('weighs by 1/distance (not squared distance) with distance weights', () => {
    // Distances 1, 2, 4 → weights 1, 1/2, 1/4; total 7/4.
    const p = votes([0, 1, 1], [1, 4, 16], 'distance');
    expect(p[0]).toBeCloseTo(1 / (7 / 4), 12);
    expect(p[1]).toBeCloseTo(3 / 4 / (7 / 4), 12);
    expect(p[2]).toBe(0);
  });

  it('lets exact matches alone vote, one vote each', () => {
    expect(votes([0, 1, 2], [4, 0, 1], 'distance')).toEqual([0, 1, 0]);
    expect(votes([0, 1, 2, 2], [0, 9, 0, 0], 'distance', 3)).toEqual([1 / 3, 0, 2 / 3]);
  });

  it('overwrites the output buffer instead of accumulating into it', () => {
    const out = new Float64Array(2).fill(5);
    neighbourVotes([1, 1], undefined, 'uniform', out);
    expect(Array.from(out)).toEqual([0, 1]);
  });
});

describe('argmaxLowest', () => {
  it('returns the largest value and breaks ties toward the smallest index', () => {
    expect(argmaxLowest([0.1, 0.7, 0.2])).toBe(1);
    expect(argmaxLowest([0, 0.5, 0.5])).toBe(1);
    expect(argmaxLowest([0.25, 0.25, 0.25, 0.25])).toBe(0);
  });
});
