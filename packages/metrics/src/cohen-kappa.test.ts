import { describe, expect, it } from 'vitest';
import { cohenKappa } from './cohen-kappa.js';
import { confusionMatrix } from './confusion-matrix-from-labels.js';

describe('cohenKappa', () => {
  it('matches the scikit-learn docstring example', () => {
    // cohen_kappa_score(["negative","positive","negative","neutral","positive"],
    //                   ["negative","positive","negative","neutral","negative"]) = 0.6875
    // Sorted labels: negative 0, neutral 1, positive 2.
    expect(cohenKappa([0, 2, 0, 1, 2], [0, 2, 0, 1, 0], 3)).toBeCloseTo(0.6875, 15);
  });

  it('matches the scikit-learn user guide example', () => {
    // cohen_kappa_score([2,0,2,2,0,1], [0,0,2,2,0,2]) = 0.42857…: po 4/6, pe (2·3 + 1·0 + 3·3)/36
    // = 15/36, kappa (24 - 15)/(36 - 15) = 9/21.
    expect(cohenKappa([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2], 3)).toBeCloseTo(9 / 21, 15);
  });

  it('weights disagreements linearly or quadratically by class distance', () => {
    // y1 [0,1,2], y2 [0,2,2]: one disagreement at distance 1. Row totals 1,1,1; column totals
    // 1,0,2, so expected cell (i, j) = col_j / 3.
    // linear: Σ w·E = (0 + 0 + 2·2/3) + (1/3 + 0 + 2/3) + (2·1/3 + 0 + 0) = 3 → 1 - 1/3.
    // quadratic: (4·2/3) + (1/3 + 2/3) + (4·1/3) = 5 → 1 - 1/5.
    // unweighted: po 2/3, pe (1 + 0 + 2)/9 = 1/3 → 0.5.
    expect(cohenKappa([0, 1, 2], [0, 2, 2], 3)).toBeCloseTo(0.5, 15);
    expect(cohenKappa([0, 1, 2], [0, 2, 2], 3, { weights: 'linear' })).toBeCloseTo(2 / 3, 15);
    expect(cohenKappa([0, 1, 2], [0, 2, 2], 3, { weights: 'quadratic' })).toBeCloseTo(0.8, 15);
  });

  it('is undefined (NaN by default) when both raters use a single class', () => {
    expect(cohenKappa([1, 1, 1], [1, 1, 1], 3)).toBeNaN();
    expect(cohenKappa([1, 1, 1], [1, 1, 1], 3, { replaceUndefinedBy: 0 })).toBe(0);
  });

  it('accepts a confusion matrix with options', () => {
    const cm = confusionMatrix([0, 1, 2], [0, 2, 2], 3);
    expect(cohenKappa(cm, { weights: 'quadratic' })).toBeCloseTo(0.8, 15);
  });

  it('rejects unknown weights', () => {
    expect(() => cohenKappa([0, 1], [0, 1], 2, { weights: 'cubic' as 'linear' })).toThrow(
      `cohenKappa: expected options.weights to be 'linear', 'quadratic' or null, found "cubic"`,
    );
  });
});
