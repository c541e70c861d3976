import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stratifiedFoldAssignment, stratifiedKFold } from './stratified-k-fold.js';
import { indexedDataset, unevenLabels } from './test-support/indexed-dataset.js';

// Computed with scikit-learn 1.2.1: for each (y, k), the fold f whose test set holds row i under
// `StratifiedKFold(n_splits=k).split(np.zeros(len(y)), y)`.
const SKLEARN_FOLDS: readonly { k: number; y: number[]; folds: number[] }[] = [
  { k: 2, y: [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2], folds: [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1] },
  { k: 5, y: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1], folds: [0, 0, 1, 1, 2, 2, 3, 3, 4, 4] },
  {
    k: 3,
    y: [2, 2, 0, 1, 1, 0, 2, 0, 1, 2, 2, 2, 0, 1, 2, 2],
    folds: [0, 0, 0, 0, 0, 1, 0, 2, 1, 1, 1, 1, 2, 2, 2, 2],
  },
  {
    k: 4,
    y: [1, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 1, 1, 0, 0, 1, 2, 0, 0, 0],
    folds: [0, 0, 0, 0, 1, 1, 1, 0, 1, 2, 3, 1, 2, 2, 2, 3, 3, 2, 3, 3],
  },
  {
    k: 3,
    y: [3, 3, 3, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2],
    folds: [0, 1, 2, 0, 0, 1, 1, 2, 0, 0, 1, 1, 2, 2, 2, 0, 1, 2],
  },
  {
    k: 3,
    y: [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 0, 0, 0, 0, 1, 1],
    folds: [0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 2, 2, 1, 1, 1, 2, 2, 2, 2],
  },
];

describe('stratifiedKFold', () => {
  it.each(SKLEARN_FOLDS)('assigns folds as scikit-learn does: k=$k, y=$y', ({ k, y, folds }) => {
    const assignment = stratifiedFoldAssignment(indexedDataset(y, 1), { folds: k });
    expect([...assignment]).toEqual(folds);
    const split = stratifiedKFold(indexedDataset(y, 1), { folds: k });
    split.forEach(({ test }, f) => {
      expect([...test]).toEqual(folds.flatMap((g, i) => (g === f ? [i] : [])));
    });
  });

  it('partitions the rows into k test sets whose class counts differ by at most one (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 5, max: 20 }),
        fc.integer({ min: 2, max: 5 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (numClasses, base, k, shuffle, seed) => {
          const ds = indexedDataset(unevenLabels(numClasses, base, 2), 1);
          const folds = stratifiedKFold(ds, { folds: k, shuffle, seed });
          expect(folds).toHaveLength(k);
          const seen = folds.flatMap(({ test }) => [...test]).sort((a, b) => a - b);
          expect(seen).toEqual(Array.from({ length: ds.numSamples }, (_, i) => i));
          for (const { train, test } of folds)
            expect(train.length + test.length).toBe(ds.numSamples);
          for (let c = 0; c < numClasses; c++) {
            const perFold = folds.map(({ test }) => test.filter((i) => ds.labels[i] === c).length);
            expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps the per-class fold counts under shuffle, is deterministic per seed and differs between seeds', () => {
    const ds = indexedDataset(unevenLabels(3, 30, 5), 1);
    const plain = stratifiedFoldAssignment(ds, { folds: 5 });
    const a = stratifiedFoldAssignment(ds, { folds: 5, shuffle: true, seed: 4 });
    const b = stratifiedFoldAssignment(ds, { folds: 5, shuffle: true, seed: 4 });
    const c = stratifiedFoldAssignment(ds, { folds: 5, shuffle: true, seed: 5 });
    expect([...a]).toEqual([...b]);
    expect([...a]).not.toEqual([...c]);
    expect([...a]).not.toEqual([...plain]);
    const counts = (folds: Int32Array) =>
      [0, 1, 2].map((label) =>
        [0, 1, 2, 3, 4].map(
          (f) => folds.filter((g, i) => g === f && ds.labels[i] === label).length,
        ),
      );
    expect(counts(a)).toEqual(counts(plain));
  });

  it('rejects more folds than the smallest class has samples, naming the class and the counts', () => {
    const ds = indexedDataset([0, 0, 0, 1, 1, 2, 2, 2, 2], 1);
    expect(() => stratifiedKFold(ds, { folds: 3 })).toThrow(
      'stratifiedKFold of indexed/train: expected at least 3 samples in every class for 3 folds, found class 1 with 2 samples (class counts: 0: 3, 1: 2, 2: 4); use fewer folds or more data',
    );
    expect(() => stratifiedKFold(ds, { folds: 2 })).not.toThrow();
  });

  it.each([1, 0, 2.5, Number.NaN])('rejects folds = %s', (folds) => {
    const ds = indexedDataset([0, 0, 1, 1], 1);
    expect(() => stratifiedKFold(ds, { folds })).toThrow(
      `stratifiedKFold of indexed/train: expected folds to be an integer ≥ 2, found ${folds}`,
    );
  });

  it('rejects a non-integer seed when shuffling', () => {
    const ds = indexedDataset([0, 0, 1, 1], 1);
    expect(() => stratifiedKFold(ds, { folds: 2, shuffle: true, seed: 0.5 })).toThrow(
      'expected seed to be an integer, found 0.5',
    );
  });
});
