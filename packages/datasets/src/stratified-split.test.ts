import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classCounts } from './class-indices.js';
import { stratifiedSplit, stratifiedSplitIndices } from './stratified-split.js';
import { indexedDataset, sourceRows, unevenLabels } from './test-support/indexed-dataset.js';

describe('stratifiedSplit', () => {
  const ds = indexedDataset(unevenLabels(5, 40, 20));

  it('keeps each class in proportion on both sides', () => {
    const { train, validation } = stratifiedSplit(ds, { validationFraction: 0.25, seed: 3 });
    const all = classCounts(ds);
    expect(classCounts(validation)).toEqual(all.map((n) => Math.round(n * 0.25)));
    expect(classCounts(train)).toEqual(all.map((n) => n - Math.round(n * 0.25)));
    expect(validation.split).toBe('validation');
    expect(train.split).toBe('train');
  });

  it('partitions the rows: disjoint, covering every row once (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 2, max: 30 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.integer(),
        (numClasses, base, fraction, seed) => {
          const data = indexedDataset(unevenLabels(numClasses, base, 3), 1);
          let indices: ReturnType<typeof stratifiedSplitIndices>;
          try {
            indices = stratifiedSplitIndices(data, { validationFraction: fraction, seed });
          } catch {
            // Only tiny datasets can round one side to nothing; that is reported, not split.
            return data.numSamples * Math.min(fraction, 1 - fraction) < numClasses;
          }
          const seen = [...indices.train, ...indices.validation].sort((a, b) => a - b);
          expect(seen).toEqual(Array.from({ length: data.numSamples }, (_, i) => i));
          return true;
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is deterministic per seed and differs between seeds', () => {
    const a = stratifiedSplit(ds, { validationFraction: 0.2, seed: 11 });
    const b = stratifiedSplit(ds, { validationFraction: 0.2, seed: 11 });
    const c = stratifiedSplit(ds, { validationFraction: 0.2, seed: 12 });
    expect(sourceRows(a.validation)).toEqual(sourceRows(b.validation));
    expect(sourceRows(a.validation)).not.toEqual(sourceRows(c.validation));
  });

  it('rejects fractions outside (0, 1) and splits that leave a side empty', () => {
    expect(() => stratifiedSplit(ds, { validationFraction: 1, seed: 0 })).toThrow(
      'expected validationFraction in (0, 1), found 1',
    );
    const tiny = indexedDataset([0, 1], 1);
    expect(() => stratifiedSplit(tiny, { validationFraction: 0.1, seed: 0 })).toThrow(
      /leaves the validation side empty/,
    );
  });
});
