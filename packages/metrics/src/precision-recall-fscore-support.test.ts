import { describe, expect, it } from 'vitest';
import { confusionMatrix } from './confusion-matrix-from-labels.js';
import { precisionRecallFscoreSupport } from './precision-recall-fscore-support.js';

// scikit-learn precision_score / f1_score docstring example.
const Y_TRUE = [0, 1, 2, 0, 1, 2];
const Y_PRED = [0, 2, 1, 0, 0, 1];

describe('precisionRecallFscoreSupport', () => {
  it('matches the scikit-learn docstring example per class and averaged', () => {
    // Class 0: predicted at 0, 3, 4 (tp 2) → p 2/3, r 2/2, f1 2·2/(2+3) = 0.8.
    // Classes 1 and 2: no true positives → 0. sklearn: precision [0.667, 0, 0], f1 [0.8, 0, 0],
    // macro p 0.22…, micro p 0.33…, weighted p 0.22…, macro f1 0.26…
    const r = precisionRecallFscoreSupport(Y_TRUE, Y_PRED, 3);
    expect(r.precision[0]).toBeCloseTo(2 / 3, 15);
    expect(Array.from(r.precision.subarray(1))).toEqual([0, 0]);
    expect(Array.from(r.recall)).toEqual([1, 0, 0]);
    expect(r.f1[0]).toBeCloseTo(0.8, 15);
    expect(Array.from(r.f1.subarray(1))).toEqual([0, 0]);
    expect(Array.from(r.support)).toEqual([2, 2, 2]);
    expect(r.macro.precision).toBeCloseTo(2 / 9, 15);
    expect(r.macro.recall).toBeCloseTo(1 / 3, 15);
    expect(r.macro.f1).toBeCloseTo(0.8 / 3, 15);
    expect(r.micro.precision).toBeCloseTo(1 / 3, 15);
    expect(r.micro.f1).toBeCloseTo(1 / 3, 15);
    expect(r.weighted.precision).toBeCloseTo(2 / 9, 15);
    expect(r.weighted.f1).toBeCloseTo(0.8 / 3, 15);
    expect(r.macro.support).toBe(6);
    expect(r.warnings).toEqual([]);
  });

  it('weights by support in the weighted average', () => {
    // classification_report docstring example: p [0.5, 0, 1], r [1, 0, 2/3], f1 [2/3, 0, 0.8],
    // support [1, 1, 3] → weighted p (0.5 + 3)/5 = 0.7, r (1 + 2)/5 = 0.6, f1 (2/3 + 2.4)/5.
    const r = precisionRecallFscoreSupport([0, 1, 2, 2, 2], [0, 0, 2, 2, 1], 3);
    expect(r.weighted.precision).toBeCloseTo(0.7, 15);
    expect(r.weighted.recall).toBeCloseTo(0.6, 15);
    expect(r.weighted.f1).toBeCloseTo((2 / 3 + 2.4) / 5, 15);
    expect(r.macro.recall).toBeCloseTo((1 + 0 + 2 / 3) / 3, 15);
  });

  it('applies zeroDivision to classes never predicted, as the sklearn docstring shows', () => {
    // precision_score(y_true, [0]*6, average=None) = [0.333, 0, 0]; zero_division=1 → [0.333, 1, 1];
    // zero_division=np.nan → [0.333, nan, nan].
    const allZero = [0, 0, 0, 0, 0, 0];
    const warn = precisionRecallFscoreSupport(Y_TRUE, allZero, 3);
    expect(Array.from(warn.precision)).toEqual([1 / 3, 0, 0]);
    const one = precisionRecallFscoreSupport(Y_TRUE, allZero, 3, { zeroDivision: 1 });
    expect(Array.from(one.precision)).toEqual([1 / 3, 1, 1]);
    expect(one.warnings).toEqual([]);
    const nan = precisionRecallFscoreSupport(Y_TRUE, allZero, 3, { zeroDivision: Number.NaN });
    expect(Array.from(nan.precision)).toEqual([1 / 3, Number.NaN, Number.NaN]);
    // Averages skip NaN: only class 0 remains.
    expect(nan.macro.precision).toBeCloseTo(1 / 3, 15);
    expect(nan.weighted.precision).toBeCloseTo(1 / 3, 15);
    // Recall and F1 are defined for every class here (each has true samples): f1 of class 0 is
    // 2·2/(2 + 6) = 0.5 and the others 0, whatever zeroDivision says.
    expect(Array.from(one.f1)).toEqual([0.5, 0, 0]);
  });

  it("records warnings (not console output) for 'warn', naming the classes", () => {
    // Class 2 has neither true nor predicted samples; class 1 is never predicted.
    const r = precisionRecallFscoreSupport([0, 1, 0], [0, 0, 0], 3);
    expect(r.warnings.map((w) => [w.metric, w.classes])).toEqual([
      ['precision', [1, 2]],
      ['recall', [2]],
      ['f1', [2]],
    ]);
    expect(r.warnings[0]!.message).toBe(
      'precision is ill-defined for classes 1, 2 (no predicted samples) and was set to 0; pass zeroDivision to choose the value',
    );
    expect(r.warnings[1]!.message).toMatch(
      /^recall is ill-defined for class 2 \(no true samples\)/,
    );
    expect(r.f1[2]).toBe(0);
  });

  it('matches the sklearn f1_score docstring case of an absent positive class', () => {
    // f1_score([0]*6, [0]*6) = 0.0, with zero_division=1.0 → 1.0, with np.nan → nan.
    const zeros = [0, 0, 0, 0, 0, 0];
    expect(precisionRecallFscoreSupport(zeros, zeros, 2).f1[1]).toBe(0);
    expect(precisionRecallFscoreSupport(zeros, zeros, 2, { zeroDivision: 1 }).f1[1]).toBe(1);
    expect(
      precisionRecallFscoreSupport(zeros, zeros, 2, { zeroDivision: Number.NaN }).f1[1],
    ).toBeNaN();
  });

  it('falls back to the plain mean when every remaining weight is zero', () => {
    // Class 0 (support 2) is never predicted → NaN and dropped; class 1 (support 0) keeps
    // precision 0/2 = 0 with weight 0, so the weighted mean is the plain mean 0, as sklearn.
    const r = precisionRecallFscoreSupport([0, 0], [1, 1], 2, { zeroDivision: Number.NaN });
    expect(r.weighted.precision).toBe(0);
  });

  it('gives the same result from a precomputed confusion matrix', () => {
    const fromLabels = precisionRecallFscoreSupport(Y_TRUE, Y_PRED, 3, { zeroDivision: 1 });
    const fromMatrix = precisionRecallFscoreSupport(
      confusionMatrix(Y_TRUE, Y_PRED, 3, { normalize: 'all' }),
      {
        zeroDivision: 1,
      },
    );
    expect(fromMatrix).toEqual(fromLabels);
  });

  it('rejects an unsupported zeroDivision and empty input', () => {
    expect(() => precisionRecallFscoreSupport(Y_TRUE, Y_PRED, 3, { zeroDivision: 0.5 })).toThrow(
      "precisionRecallFscoreSupport: expected options.zeroDivision to be 0, 1, NaN or 'warn', found 0.5",
    );
    expect(() => precisionRecallFscoreSupport([], [], 3)).toThrow(
      /yTrue to hold at least one sample/,
    );
    expect(() => precisionRecallFscoreSupport([0, 4], [0, 1], 3)).toThrow(
      'precisionRecallFscoreSupport: expected yTrue[1] to be an integer label in [0, 3), found 4',
    );
  });
});
