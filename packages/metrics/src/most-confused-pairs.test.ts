import { describe, expect, it } from 'vitest';
import { ConfusionMatrix } from './confusion-matrix.js';
import { confusionMatrixFromCounts } from './confusion-matrix-from-counts.js';
import { mostConfusedPairs } from './most-confused-pairs.js';
import { normalizeConfusion } from './normalize-confusion.js';

// Row totals 8, 6, 12. Off-diagonal cells: (0,1)=3 rate 3/8, (1,0)=3 rate 3/6, (1,2)=1 rate
// 1/6, (2,1)=3 rate 3/12; (0,2) and (2,0) are 0 and must not appear.
const CM = confusionMatrixFromCounts(
  [
    [5, 3, 0],
    [3, 2, 1],
    [0, 3, 9],
  ],
  3,
);

describe('mostConfusedPairs', () => {
  it('sorts by count, then by rate, off-diagonal and non-zero only', () => {
    expect(mostConfusedPairs(CM)).toEqual([
      { trueClass: 1, predictedClass: 0, count: 3, rate: 0.5 },
      { trueClass: 0, predictedClass: 1, count: 3, rate: 0.375 },
      { trueClass: 2, predictedClass: 1, count: 3, rate: 0.25 },
      { trueClass: 1, predictedClass: 2, count: 1, rate: 1 / 6 },
    ]);
  });

  it('keeps the top pairs only', () => {
    expect(mostConfusedPairs(CM, { top: 2 }).map((p) => [p.trueClass, p.predictedClass])).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(mostConfusedPairs(CM, { top: 0 })).toEqual([]);
  });

  it('breaks full ties by trueClass, then predictedClass', () => {
    const even = confusionMatrixFromCounts([1, 1, 1, 1, 1, 1, 1, 1, 1], 3);
    expect(mostConfusedPairs(even, { top: 6 }).map((p) => [p.trueClass, p.predictedClass])).toEqual(
      [
        [0, 1],
        [0, 2],
        [1, 0],
        [1, 2],
        [2, 0],
        [2, 1],
      ],
    );
  });

  it('uses raw counts of a normalized matrix and finds nothing when all is correct', () => {
    expect(mostConfusedPairs(normalizeConfusion(CM, 'true'), { top: 1 })).toEqual([
      { trueClass: 1, predictedClass: 0, count: 3, rate: 0.5 },
    ]);
    expect(mostConfusedPairs(new ConfusionMatrix(2, Int32Array.from([4, 0, 0, 7])))).toEqual([]);
  });

  it('rejects a bad top and a non-matrix', () => {
    expect(() => mostConfusedPairs(CM, { top: -1 })).toThrow(
      'mostConfusedPairs: expected options.top to be an integer ≥ 0, found -1',
    );
    expect(() => mostConfusedPairs([[0]] as unknown as ConfusionMatrix)).toThrow(
      /cm to be a ConfusionMatrix/,
    );
  });
});
