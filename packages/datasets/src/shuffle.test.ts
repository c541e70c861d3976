import { describe, expect, it } from 'vitest';
import { scale } from './scale.js';
import { shuffle, shuffledIndices } from './shuffle.js';
import { subset } from './subset.js';
import { indexedDataset, sourceRows, unevenLabels } from './test-support/indexed-dataset.js';

describe('subset', () => {
  const ds = indexedDataset(unevenLabels(3, 4, 1));

  it('copies the given rows in the given order, repeats allowed', () => {
    const picked = subset(ds, [4, 0, 4]);
    expect(sourceRows(picked)).toEqual([4, 0, 4]);
    expect([...picked.labels]).toEqual([ds.labels[4], ds.labels[0], ds.labels[4]]);
    expect([...picked.features.subarray(3, 6)]).toEqual([0, 0.5, -0]);
  });

  it('keeps the preprocessing record and can rename the split', () => {
    const scaled = scale(ds, 2);
    const picked = subset(scaled, [1], { split: 'holdout' });
    expect(picked.preprocessing).toEqual([{ kind: 'scale', factor: 2 }]);
    expect(picked.split).toBe('holdout');
    expect([...picked.features]).toEqual([2, 3, -2]);
  });

  it('names an index out of range and its position', () => {
    expect(() => subset(ds, [1, ds.numSamples])).toThrow(
      `expected indices in [0, ${ds.numSamples}), found ${ds.numSamples} at position 1`,
    );
  });
});

describe('shuffle', () => {
  const ds = indexedDataset(unevenLabels(3, 30, 5));

  it('is a permutation of the rows with their labels', () => {
    const shuffled = shuffle(ds, 5);
    const rows = sourceRows(shuffled);
    expect([...rows].sort((a, b) => a - b)).toEqual(sourceRows(ds));
    expect(rows).not.toEqual(sourceRows(ds));
    expect([...shuffled.labels]).toEqual(rows.map((row) => ds.labels[row]));
  });

  it('is deterministic per seed and differs between seeds', () => {
    expect(shuffledIndices(100, 9)).toEqual(shuffledIndices(100, 9));
    expect(shuffledIndices(100, 9)).not.toEqual(shuffledIndices(100, 10));
    expect(sourceRows(shuffle(ds, 9))).toEqual([...shuffledIndices(ds.numSamples, 9)]);
  });
});
