import { describe, expect, it } from 'vitest';
import { assembleObjective } from './objective-terms.js';

describe('assembleObjective (scikit-learn MLPClassifier convention)', () => {
  it('adds alpha/(2·rows)·Σ‖W‖² to the mean loss and alpha·W/rows to the kernel gradients only', () => {
    // d = 1, h = 2, k = 2: x = [W1 (2), b1 (2), W2 (4), b2 (2)].
    const shape = { numFeatures: 1, hiddenUnits: 2, numClasses: 2 };
    const x = Float64Array.of(1, -2, 5, 7, 0.5, 1, -1, 3, 11, 13);
    const gradientSums = Float64Array.of(4, 4, 4, 4, 4, 4, 4, 4, 4, 4);
    const alpha = 0.3;
    const rows = 4;
    const e = assembleObjective(x, { lossSum: 6, gradientSums, correct: 3, rows }, shape, alpha);
    const squaredNorm = 1 + 4 + 0.25 + 1 + 1 + 9;
    expect(e.value).toBeCloseTo(6 / 4 + (alpha / (2 * rows)) * squaredNorm, 12);
    const expected = [
      (4 + alpha * 1) / 4,
      (4 + alpha * -2) / 4,
      1,
      1,
      (4 + alpha * 0.5) / 4,
      (4 + alpha * 1) / 4,
      (4 + alpha * -1) / 4,
      (4 + alpha * 3) / 4,
      1,
      1,
    ];
    expect(Array.from(e.gradient)).toEqual(expected.map((v) => expect.closeTo(v, 12)));
    expect(e.correct).toBe(3);
  });
});
