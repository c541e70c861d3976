import { describe, expect, it } from 'vitest';
import { confusedPairText, packConfusedPairs } from './confused-pairs.js';

describe('confusedPairText', () => {
  it('reads true → predicted: count (share of the true class)', () => {
    const names = Array.from({ length: 10 }, (_, c) => String(c));
    expect(
      confusedPairText({ trueClass: 4, predictedClass: 9, count: 37, rate: 37 / 982 }, names),
    ).toBe('4 → 9: 37 (3.8%)');
  });
});

describe('packConfusedPairs', () => {
  const pairs = ['4 → 9: 41 (4.2%)', '7 → 9: 33 (3.2%)', '5 → 3: 28 (3.1%)', '2 → 8: 38 (3.7%)'];

  it('fills each line after its label with as many whole pairs as fit, in order', () => {
    // 14 cells of label leave 66: three pairs (16 + 3 + 16 + 3 + 16 = 54), not four.
    expect(packConfusedPairs(pairs, 80, 1, 14)).toEqual([pairs.slice(0, 3)]);
    expect(packConfusedPairs(pairs, 80, 2, 14)).toEqual([pairs.slice(0, 3), pairs.slice(3)]);
    expect(packConfusedPairs(pairs, 50, 3, 14)).toEqual([pairs.slice(0, 2), pairs.slice(2, 4)]);
  });

  it('puts a pair too long for any line alone on one, and nothing when there is none', () => {
    const long = 'T-shirt/top → Shirt: 1234 (12.3%)';
    expect(packConfusedPairs([long, pairs[0]!], 30, 2, 14)).toEqual([[long], [pairs[0]]]);
    expect(packConfusedPairs([], 80, 2, 14)).toEqual([]);
    expect(packConfusedPairs(pairs, 80, 0, 14)).toEqual([]);
  });
});
