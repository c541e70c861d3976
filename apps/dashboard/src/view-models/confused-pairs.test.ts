import { describe, expect, it } from 'vitest';
import { confusedPairText } from './confused-pairs.js';

describe('confusedPairText', () => {
  it('reads true → predicted: count (share of the true class)', () => {
    const names = Array.from({ length: 10 }, (_, c) => String(c));
    expect(
      confusedPairText({ trueClass: 4, predictedClass: 9, count: 37, rate: 37 / 982 }, names),
    ).toBe('4 → 9: 37 (3.8%)');
  });
});
