import type { Dataset } from '../dataset.js';
import { datasetFromArrays } from '../dataset-from-arrays.js';

/**
 * A dataset whose row i has features [i, i + 0.5, -i, ...] and the given label, so a test can
 * tell from any copied row which source row it came from.
 */
export function indexedDataset(
  labels: ArrayLike<number>,
  numFeatures = 3,
  numClasses?: number,
): Dataset {
  const n = labels.length;
  const features = new Float32Array(n * numFeatures);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < numFeatures; j++)
      features[i * numFeatures + j] = j % 3 === 0 ? i : j % 3 === 1 ? i + 0.5 : -i;
  }
  return datasetFromArrays({
    name: 'indexed',
    split: 'train',
    features,
    labels: Uint8Array.from(labels),
    imageShape: [numFeatures],
    ...(numClasses === undefined ? {} : { numClasses }),
  });
}

/** The source row of each row of a dataset built by indexedDataset (or a subset of one). */
export function sourceRows(ds: Dataset): number[] {
  return Array.from({ length: ds.numSamples }, (_, k) => ds.features[k * ds.numFeatures]!);
}

/** Labels cycling through the classes with uneven counts: class c appears (base + c * step) times. */
export function unevenLabels(numClasses: number, base: number, step: number): Uint8Array {
  const labels: number[] = [];
  for (let c = 0; c < numClasses; c++) for (let k = 0; k < base + c * step; k++) labels.push(c);
  // Interleave deterministically so classes are not in contiguous blocks.
  const out = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = labels[(i * 7919) % labels.length]!;
  return out;
}
