import { describe, expect, it } from 'vitest';
import { topKAccuracy } from './top-k-accuracy.js';

// scikit-learn top_k_accuracy_score docstring example.
const Y_TRUE = [0, 1, 2, 2];
const SCORES = Float64Array.from([0.5, 0.2, 0.2, 0.3, 0.4, 0.2, 0.2, 0.4, 0.3, 0.7, 0.2, 0.1]);

describe('topKAccuracy', () => {
  it('matches the scikit-learn docstring example', () => {
    // Rows 0–2 have the true class in their top 2, row 3 does not → 0.75.
    expect(topKAccuracy(Y_TRUE, SCORES, 3, 2)).toBe(0.75);
  });

  it('is argmax accuracy for k = 1 and 1 for k ≥ numClasses', () => {
    // Argmaxes 0, 1, 1, 0 against 0, 1, 2, 2 → 2 of 4.
    expect(topKAccuracy(Y_TRUE, SCORES, 3, 1)).toBe(0.5);
    expect(topKAccuracy(Y_TRUE, SCORES, 3, 3)).toBe(1);
    expect(topKAccuracy(Y_TRUE, SCORES, 3, 7)).toBe(1);
  });

  it('breaks ties toward the higher class index, like sklearn', () => {
    // sklearn: argsort([0.5, 0.5, 0], kind='mergesort')[::-1] = [1, 0, 2] → class 1 is top-1.
    const tied = Float64Array.from([0.5, 0.5, 0]);
    expect(topKAccuracy([0], tied, 3, 1)).toBe(0);
    expect(topKAccuracy([1], tied, 3, 1)).toBe(1);
    // Row 0 of the docstring example: classes 1 and 2 tie at 0.2, so top-2 is {0, 2}.
    expect(topKAccuracy([1], SCORES.subarray(0, 3), 3, 2)).toBe(0);
    expect(topKAccuracy([2], SCORES.subarray(0, 3), 3, 2)).toBe(1);
  });

  it('accepts logits and Float32Array', () => {
    const logits = Float32Array.from([-1, 3, 2, -5, -2, -3]);
    // Row 0 ranks 1, 2, 0; row 1 ranks 1, 2, 0.
    expect(topKAccuracy([2, 0], logits, 3, 2)).toBe(0.5);
  });

  it('rejects a bad k, NaN scores and wrong shapes', () => {
    expect(() => topKAccuracy(Y_TRUE, SCORES, 3, 0)).toThrow(
      'topKAccuracy: expected k to be an integer ≥ 1, found 0',
    );
    expect(() => topKAccuracy(Y_TRUE, SCORES, 3, 1.5)).toThrow(
      /k to be an integer ≥ 1, found 1\.5/,
    );
    expect(() => topKAccuracy([0], Float64Array.from([0.1, Number.NaN]), 2, 1)).toThrow(
      'topKAccuracy: expected probabilities[1] (sample 0, class 1) to be a number, found NaN',
    );
    expect(() => topKAccuracy(Y_TRUE, SCORES, 4, 1)).toThrow(
      /probabilities to have length 16 \(4 samples × 4 classes\), found length 12/,
    );
    expect(() => topKAccuracy([0, 1, 3, 2], SCORES, 3, 1)).toThrow(
      /yTrue\[2\] to be an integer label in \[0, 3\), found 3/,
    );
  });
});
