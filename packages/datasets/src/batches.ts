import type { Dataset } from './dataset.js';
import { DatasetError } from './errors.js';
import { checkSeed, createRng, permutation } from './random.js';

/** Options for batches. */
export interface BatchOptions {
  /** Rows per batch; the last batch may be smaller unless dropLast. */
  readonly batchSize: number;
  /** Visit rows in a seeded random order; default false (row order). */
  readonly shuffle?: boolean;
  /** Seed for the order; default 0. With the epoch it fully determines the order. */
  readonly seed?: number;
  /** Each epoch gets its own order for the same seed; default 0. */
  readonly epoch?: number;
  /** Skip a final batch smaller than batchSize; default false. */
  readonly dropLast?: boolean;
}

/** One mini-batch. Its arrays may be views or reused buffers: copy anything kept past the next step. */
export interface Batch {
  /** Position of this batch in the epoch, from 0. */
  readonly index: number;
  /** Rows in this batch (≤ batchSize). */
  readonly size: number;
  /** The dataset rows in this batch, in batch order: a view into the epoch's order. */
  readonly indices: Uint32Array;
  /** size × numFeatures, row-major. */
  readonly features: Float32Array;
  /** size labels. */
  readonly labels: Uint8Array;
}

/**
 * Iterates one epoch of mini-batches, each row exactly once. Without shuffle, features and labels
 * are subarray views of the dataset (no copy); with shuffle, the epoch's order is one Uint32Array
 * and each batch's rows are gathered into one reused buffer, so a batch's arrays are only valid
 * until the next batch is requested.
 */
export function batches(ds: Dataset, options: BatchOptions): Generator<Batch, void, undefined> {
  const { batchSize, shuffle = false, seed = 0, epoch = 0, dropLast = false } = options;
  // Checked here rather than in the generator, so bad options fail at the call, not the first step.
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new DatasetError(
      `batches: expected batchSize to be a positive integer, found ${batchSize}`,
    );
  }
  checkSeed(seed, 'batches');
  checkSeed(epoch, 'batches', 'epoch');
  let order: Uint32Array;
  if (shuffle) {
    order = permutation(ds.numSamples, createRng(seed, epoch));
  } else {
    order = new Uint32Array(ds.numSamples);
    for (let i = 0; i < ds.numSamples; i++) order[i] = i;
  }
  return generateBatches(ds, order, batchSize, shuffle, dropLast);
}

function* generateBatches(
  ds: Dataset,
  order: Uint32Array,
  batchSize: number,
  shuffle: boolean,
  dropLast: boolean,
): Generator<Batch, void, undefined> {
  const { numSamples, numFeatures } = ds;
  const featureBuffer = shuffle
    ? new Float32Array(Math.min(batchSize, numSamples) * numFeatures)
    : undefined;
  const labelBuffer = shuffle ? new Uint8Array(Math.min(batchSize, numSamples)) : undefined;
  let index = 0;
  for (let start = 0; start < numSamples; start += batchSize) {
    const end = Math.min(start + batchSize, numSamples);
    const size = end - start;
    if (dropLast && size < batchSize) return;
    const indices = order.subarray(start, end);
    if (featureBuffer === undefined || labelBuffer === undefined) {
      yield {
        index: index++,
        size,
        indices,
        features: ds.features.subarray(start * numFeatures, end * numFeatures),
        labels: ds.labels.subarray(start, end),
      };
      continue;
    }
    for (let k = 0; k < size; k++) {
      const row = indices[k]!;
      featureBuffer.set(
        ds.features.subarray(row * numFeatures, (row + 1) * numFeatures),
        k * numFeatures,
      );
      labelBuffer[k] = ds.labels[row]!;
    }
    yield {
      index: index++,
      size,
      indices,
      features: featureBuffer.subarray(0, size * numFeatures),
      labels: labelBuffer.subarray(0, size),
    };
  }
}
