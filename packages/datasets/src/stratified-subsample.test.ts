import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classCounts } from './class-indices.js';
import { DatasetError } from './errors.js';
import { bundledMnistDirectory } from './node/load-mnist.js';
import { readIdx } from './node/read-idx.js';
import { stratifiedSubsample, stratifiedSubsampleIndices } from './stratified-subsample.js';
import { indexedDataset, sourceRows, unevenLabels } from './test-support/indexed-dataset.js';

describe('stratifiedSubsample', () => {
  const ds = indexedDataset(unevenLabels(4, 20, 5));

  it('takes exactly perClass rows of every class, without duplicates, copying the right rows', () => {
    const sample = stratifiedSubsample(ds, 12, 7);
    expect(sample.numSamples).toBe(48);
    expect(classCounts(sample)).toEqual([12, 12, 12, 12]);
    const rows = sourceRows(sample);
    expect(new Set(rows).size).toBe(48);
    expect([...sample.labels]).toEqual(rows.map((row) => ds.labels[row]));
    expect(sample.classNames).toEqual(ds.classNames);
  });

  it('is deterministic per seed and differs between seeds', () => {
    const a = stratifiedSubsampleIndices(ds, 10, 1);
    expect(stratifiedSubsampleIndices(ds, 10, 1)).toEqual(a);
    expect(stratifiedSubsampleIndices(ds, 10, 2)).not.toEqual(a);
    expect(sourceRows(stratifiedSubsample(ds, 10, 1))).toEqual([...a]);
  });

  it('holds its guarantees for any counts and seeds (property)', () => {
    const cases = fc.record({
      numClasses: fc.integer({ min: 1, max: 6 }),
      base: fc.integer({ min: 1, max: 15 }),
      step: fc.integer({ min: 0, max: 4 }),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(cases, ({ numClasses, base, step, seed }) => {
        const data = indexedDataset(unevenLabels(numClasses, base, step), 1);
        const perClass = Math.max(1, base - 1);
        const indices = stratifiedSubsampleIndices(data, perClass, seed);
        expect(new Set(indices).size).toBe(indices.length);
        const counts = new Array<number>(numClasses).fill(0);
        for (const i of indices) counts[data.labels[i]!]!++;
        expect(counts).toEqual(new Array(numClasses).fill(perClass));
      }),
      { numRuns: 40 },
    );
  });

  it('names the class that has fewer samples than requested', () => {
    const error = (() => {
      try {
        stratifiedSubsample(ds, 26, 0);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toBe(
      'stratifiedSubsample of indexed/train: class 0 has 20 samples, fewer than the 26 requested per class',
    );
    expect(() => stratifiedSubsample(ds, 0, 0)).toThrow(/positive integer, found 0/);
    expect(() => stratifiedSubsample(ds, 1, 0.5)).toThrow(
      /expected seed to be an integer, found 0.5/,
    );
  });

  it('samples the real MNIST train labels evenly', async () => {
    const labels = await readIdx(join(bundledMnistDirectory(), 'train-labels-idx1-ubyte'));
    const mnistLabels = indexedDataset(labels.data, 1, 10);
    const sample = stratifiedSubsample(mnistLabels, 100, 42);
    expect(classCounts(sample)).toEqual(new Array(10).fill(100));
    expect(new Set(sourceRows(sample)).size).toBe(1000);
  });
});
