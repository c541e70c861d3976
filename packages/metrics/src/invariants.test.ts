import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accuracy } from './accuracy.js';
import { balancedAccuracy } from './balanced-accuracy.js';
import { cohenKappa } from './cohen-kappa.js';
import { confusionMatrix } from './confusion-matrix-from-labels.js';
import { logLoss } from './log-loss.js';
import { matthewsCorrcoef } from './matthews-corrcoef.js';
import { mostConfusedPairs } from './most-confused-pairs.js';
import { normalizeConfusion } from './normalize-confusion.js';
import { precisionRecallFscoreSupport } from './precision-recall-fscore-support.js';
import { labelledSample, scoredSample } from './test-support/arbitraries.js';
import {
  countWhere,
  oneHotCorrelation,
  oneVsRest,
  pairwiseKappa,
  sortedTopKHit,
} from './test-support/reference.js';
import { topKAccuracy } from './top-k-accuracy.js';

const close = (a: number, b: number, tolerance = 1e-12): boolean =>
  (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= tolerance;

describe('confusion matrix invariants', () => {
  it('counts every (true, predicted) pair, summing to n', () => {
    fc.assert(
      fc.property(labelledSample(), ({ numClasses: k, yTrue, yPred }) => {
        const cm = confusionMatrix(yTrue, yPred, k);
        expect(cm.total).toBe(yTrue.length);
        for (let i = 0; i < k; i++) {
          for (let j = 0; j < k; j++) expect(cm.get(i, j)).toBe(countWhere(yTrue, yPred, i, j));
        }
      }),
    );
  });

  it("gives 'true' rows summing to 1 where the class has samples, and 0 elsewhere", () => {
    fc.assert(
      fc.property(labelledSample(), ({ numClasses: k, yTrue, yPred }) => {
        const rows = confusionMatrix(yTrue, yPred, k, { normalize: 'true' }).rows();
        rows.forEach((row, i) => {
          const sum = row.reduce((a, b) => a + b, 0);
          expect(sum).toBeCloseTo(yTrue.includes(i) ? 1 : 0, 12);
        });
      }),
    );
  });

  it("gives 'pred' columns summing to 1 where the class was predicted", () => {
    fc.assert(
      fc.property(labelledSample(), ({ numClasses: k, yTrue, yPred }) => {
        const rows = confusionMatrix(yTrue, yPred, k, { normalize: 'pred' }).rows();
        for (let j = 0; j < k; j++) {
          const sum = rows.reduce((a, row) => a + row[j]!, 0);
          expect(sum).toBeCloseTo(yPred.includes(j) ? 1 : 0, 12);
        }
      }),
    );
  });

  it("gives an 'all' matrix summing to 1, equal to normalizing the counts later", () => {
    fc.assert(
      fc.property(labelledSample(), ({ numClasses: k, yTrue, yPred }) => {
        const all = confusionMatrix(yTrue, yPred, k, { normalize: 'all' });
        expect(Array.from(all.counts).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        expect(normalizeConfusion(confusionMatrix(yTrue, yPred, k), 'all').rows()).toEqual(
          all.rows(),
        );
      }),
    );
  });

  it('has accuracy = trace / n', () => {
    fc.assert(
      fc.property(labelledSample(), ({ numClasses: k, yTrue, yPred }) => {
        const cm = confusionMatrix(yTrue, yPred, k);
        let trace = 0;
        for (let i = 0; i < k; i++) trace += cm.get(i, i);
        expect(accuracy(yTrue, yPred)).toBe(trace / yTrue.length);
        expect(accuracy(cm)).toBe(trace / yTrue.length);
      }),
    );
  });
});

describe('precision / recall / F1 invariants', () => {
  it('matches one-vs-rest counts taken sample by sample', () => {
    fc.assert(
      fc.property(labelledSample(), ({ numClasses: k, yTrue, yPred }) => {
        const r = precisionRecallFscoreSupport(yTrue, yPred, k, { zeroDivision: Number.NaN });
        for (let c = 0; c < k; c++) {
          const { tp, fp, fn } = oneVsRest(yTrue, yPred, c);
          expect(close(r.precision[c]!, tp + fp > 0 ? tp / (tp + fp) : Number.NaN)).toBe(true);
          expect(close(r.recall[c]!, tp + fn > 0 ? tp / (tp + fn) : Number.NaN)).toBe(true);
          expect(
            close(r.f1[c]!, tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : Number.NaN),
          ).toBe(true);
          expect(r.support[c]).toBe(tp + fn);
        }
      }),
    );
  });

  it('weights the weighted average by support and the macro average equally', () => {
    fc.assert(
      fc.property(labelledSample(), ({ numClasses: k, yTrue, yPred }) => {
        const r = precisionRecallFscoreSupport(yTrue, yPred, k, { zeroDivision: 0 });
        const n = yTrue.length;
        let weighted = 0;
        let macro = 0;
        for (let c = 0; c < k; c++) {
          weighted += (r.f1[c]! * yTrue.filter((t) => t === c).length) / n;
          macro += r.f1[c]! / k;
        }
        expect(r.weighted.f1).toBeCloseTo(weighted, 12);
        expect(r.macro.f1).toBeCloseTo(macro, 12);
      }),
    );
  });

  it('has micro precision = recall = F1 = accuracy for single-label multiclass', () => {
    fc.assert(
      fc.property(labelledSample(), ({ numClasses: k, yTrue, yPred }) => {
        const { micro } = precisionRecallFscoreSupport(yTrue, yPred, k);
        const acc = accuracy(yTrue, yPred);
        expect(micro.precision).toBe(acc);
        expect(micro.recall).toBe(acc);
        expect(micro.f1).toBe(acc);
      }),
    );
  });

  it('gives the same scores from labels and from their confusion matrix', () => {
    fc.assert(
      fc.property(labelledSample(), ({ numClasses: k, yTrue, yPred }) => {
        expect(precisionRecallFscoreSupport(confusionMatrix(yTrue, yPred, k))).toEqual(
          precisionRecallFscoreSupport(yTrue, yPred, k),
        );
      }),
    );
  });
});

describe('perfect predictions', () => {
  it('give precision = recall = F1 = kappa = MCC = balanced accuracy = 1', () => {
    fc.assert(
      fc.property(
        labelledSample().filter(({ yTrue }) => new Set(yTrue).size >= 2),
        ({ numClasses: k, yTrue }) => {
          const r = precisionRecallFscoreSupport(yTrue, yTrue, k, { zeroDivision: Number.NaN });
          for (let c = 0; c < k; c++) {
            const expected = yTrue.includes(c) ? 1 : Number.NaN;
            expect(r.precision[c]).toBe(expected);
            expect(r.recall[c]).toBe(expected);
            expect(r.f1[c]).toBe(expected);
          }
          expect(r.macro.f1).toBe(1);
          expect(r.weighted.f1).toBe(1);
          expect(cohenKappa(yTrue, yTrue, k)).toBe(1);
          expect(cohenKappa(yTrue, yTrue, k, { weights: 'quadratic' })).toBe(1);
          expect(matthewsCorrcoef(yTrue, yTrue, k)).toBeCloseTo(1, 12);
          expect(balancedAccuracy(yTrue, yTrue, k)).toBe(1);
        },
      ),
    );
  });
});

describe('kappa, MCC and balanced accuracy against sample-level references', () => {
  const weights = {
    none: (a: number, b: number) => (a === b ? 0 : 1),
    linear: (a: number, b: number) => Math.abs(a - b),
    quadratic: (a: number, b: number) => (a - b) ** 2,
  };

  it('computes kappa as the pairwise-disagreement formula, symmetric in its arguments', () => {
    fc.assert(
      fc.property(labelledSample(5, 30), ({ numClasses: k, yTrue, yPred }) => {
        for (const [name, weight] of Object.entries(weights)) {
          const option = name === 'none' ? null : (name as 'linear' | 'quadratic');
          const kappa = cohenKappa(yTrue, yPred, k, { weights: option });
          expect(close(kappa, pairwiseKappa(yTrue, yPred, weight), 1e-9)).toBe(true);
          expect(close(cohenKappa(yPred, yTrue, k, { weights: option }), kappa, 1e-12)).toBe(true);
        }
      }),
    );
  });

  it('computes MCC as the correlation of one-hot encodings, within [-1, 1]', () => {
    fc.assert(
      fc.property(labelledSample(), ({ numClasses: k, yTrue, yPred }) => {
        const mcc = matthewsCorrcoef(yTrue, yPred, k);
        expect(mcc).toBeCloseTo(oneHotCorrelation(yTrue, yPred, k), 9);
        expect(Math.abs(mcc)).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });

  it('computes balanced accuracy as the mean recall of classes present in yTrue', () => {
    fc.assert(
      fc.property(labelledSample(), ({ numClasses: k, yTrue, yPred }) => {
        const present = [...new Set(yTrue)];
        const recalls = present.map((c) => {
          const { tp, fn } = oneVsRest(yTrue, yPred, c);
          return tp / (tp + fn);
        });
        const expected = recalls.reduce((a, b) => a + b, 0) / present.length;
        expect(balancedAccuracy(yTrue, yPred, k)).toBeCloseTo(expected, 12);
      }),
    );
  });
});

describe('score-based metrics', () => {
  it('agrees with a sort-based top-k reference and grows with k', () => {
    fc.assert(
      fc.property(scoredSample(), ({ numClasses: k, yTrue, scores }) => {
        let previous = 0;
        for (let top = 1; top <= k; top++) {
          const hits = yTrue.filter((t, s) =>
            sortedTopKHit(Array.from(scores.subarray(s * k, (s + 1) * k)), t, top),
          );
          const value = topKAccuracy(yTrue, scores, k, top);
          expect(value).toBe(hits.length / yTrue.length);
          expect(value).toBeGreaterThanOrEqual(previous);
          previous = value;
        }
        expect(previous).toBe(1);
      }),
    );
  });

  it('computes log loss as the mean of -ln(clipped true-class probability)', () => {
    fc.assert(
      fc.property(scoredSample(), ({ numClasses: k, yTrue, scores }) => {
        const eps = 2 ** -52;
        let sum = 0;
        yTrue.forEach((t, s) => {
          sum += -Math.log(Math.min(1 - eps, Math.max(eps, scores[s * k + t]!)));
        });
        const loss = logLoss(yTrue, scores, k);
        expect(loss).toBeCloseTo(sum / yTrue.length, 12);
        expect(loss).toBeGreaterThan(0);
      }),
    );
  });
});

describe('mostConfusedPairs invariants', () => {
  it('returns the largest off-diagonal counts in order, with rate = count / row total', () => {
    fc.assert(
      fc.property(
        labelledSample(),
        fc.integer({ min: 0, max: 8 }),
        ({ numClasses: k, yTrue, yPred }, top) => {
          const pairs = mostConfusedPairs(confusionMatrix(yTrue, yPred, k), { top });
          const offDiagonal = yTrue.filter((t, s) => t !== yPred[s]).length;
          expect(pairs.length).toBeLessThanOrEqual(top);
          expect(pairs.reduce((a, p) => a + p.count, 0)).toBeLessThanOrEqual(offDiagonal);
          pairs.forEach((p, r) => {
            expect(p.trueClass).not.toBe(p.predictedClass);
            expect(p.count).toBe(countWhere(yTrue, yPred, p.trueClass, p.predictedClass));
            expect(p.count).toBeGreaterThan(0);
            expect(p.rate).toBe(p.count / yTrue.filter((t) => t === p.trueClass).length);
            const next = pairs[r + 1];
            if (next !== undefined) {
              expect(p.count > next.count || (p.count === next.count && p.rate >= next.rate)).toBe(
                true,
              );
            }
          });
          if (pairs.length < top) {
            const distinctConfusions = new Set(
              yTrue.map((t, s) => `${t},${yPred[s]}`).filter((_, s) => yTrue[s] !== yPred[s]),
            );
            expect(pairs.length).toBe(distinctConfusions.size);
          }
        },
      ),
    );
  });
});
