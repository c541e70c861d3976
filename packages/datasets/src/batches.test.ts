import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batches } from './batches.js';
import { indexedDataset, unevenLabels } from './test-support/indexed-dataset.js';

function epochRows(
  ds: ReturnType<typeof indexedDataset>,
  options: Parameters<typeof batches>[1],
): number[] {
  const rows: number[] = [];
  for (const batch of batches(ds, options)) rows.push(...batch.indices);
  return rows;
}

describe('batches', () => {
  const ds = indexedDataset(unevenLabels(3, 10, 4));

  it('covers every index exactly once per epoch, whatever the size, seed and epoch (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 50 }),
        fc.boolean(),
        fc.integer(),
        fc.nat(1000),
        (n, batchSize, shuffle, seed, epoch) => {
          const data = indexedDataset(
            Array.from({ length: n }, (_, i) => i % 2),
            2,
          );
          const sizes: number[] = [];
          const rows: number[] = [];
          for (const batch of batches(data, { batchSize, shuffle, seed, epoch })) {
            sizes.push(batch.size);
            for (let k = 0; k < batch.size; k++) {
              const row = batch.indices[k]!;
              rows.push(row);
              // The batch's feature row and label are the dataset's row `row`.
              expect(batch.features[k * 2]).toBe(row);
              expect(batch.labels[k]).toBe(data.labels[row]);
            }
          }
          expect(rows.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
          expect(sizes.slice(0, -1).every((s) => s === batchSize)).toBe(true);
          expect(sizes.length).toBe(Math.ceil(n / batchSize));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('without shuffle yields views into the dataset in row order, copying nothing', () => {
    const all = [...batches(ds, { batchSize: 16 })];
    expect(all.map((b) => b.index)).toEqual([0, 1, 2]);
    expect(all[1]!.indices[0]).toBe(16);
    expect(all[1]!.features.buffer).toBe(ds.features.buffer);
    expect(all[1]!.features.byteOffset).toBe(16 * ds.numFeatures * 4);
    expect(all[2]!.labels.buffer).toBe(ds.labels.buffer);
  });

  it('with shuffle gathers rows into one reused buffer, never the dataset itself', () => {
    const seen = new Set<ArrayBufferLike>();
    for (const batch of batches(ds, { batchSize: 10, shuffle: true, seed: 1 })) {
      expect(batch.features.buffer).not.toBe(ds.features.buffer);
      seen.add(batch.features.buffer);
    }
    expect(seen.size).toBe(1);
  });

  it('orders by (seed, epoch): same pair same order, another epoch or seed another order', () => {
    const order = (seed: number, epoch: number) =>
      epochRows(ds, { batchSize: 7, shuffle: true, seed, epoch });
    expect(order(3, 0)).toEqual(order(3, 0));
    expect(order(3, 1)).not.toEqual(order(3, 0));
    expect(order(4, 0)).not.toEqual(order(3, 0));
  });

  it('drops a short final batch on request', () => {
    const sizes = [...batches(ds, { batchSize: 16, dropLast: true })].map((b) => b.size);
    expect(sizes).toEqual([16, 16]);
  });

  it('rejects bad options at the call, before iterating', () => {
    expect(() => batches(ds, { batchSize: 0 })).toThrow(
      'batches: expected batchSize to be a positive integer, found 0',
    );
    expect(() => batches(ds, { batchSize: 4, shuffle: true, epoch: 1.5 })).toThrow(
      'batches: expected epoch to be an integer, found 1.5',
    );
  });
});
