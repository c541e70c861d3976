import type { Dataset } from '@digitlab/datasets';
import type { NearestCentroidModel } from './nearest-centroid-model.js';

/** What a fit accumulates, one chunk of rows per step: per-class feature sums and row counts. */
export interface ClassSums {
  readonly numFeatures: number;
  /** numClasses × numFeatures, row-major. */
  readonly sums: Float64Array;
  readonly counts: Float64Array;
}

/** Empty sums for `numClasses` classes of `numFeatures` features. */
export const createClassSums = (numFeatures: number, numClasses: number): ClassSums => ({
  numFeatures,
  sums: new Float64Array(numClasses * numFeatures),
  counts: new Float64Array(numClasses),
});

/** Add rows [from, to) of `data` to the sums, in place. */
export function addRows(
  { numFeatures: d, sums, counts }: ClassSums,
  data: Dataset,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    const c = data.labels[i] as number;
    counts[c] = (counts[c] as number) + 1;
    for (let j = 0; j < d; j++)
      sums[c * d + j] = (sums[c * d + j] as number) + (data.features[i * d + j] as number);
  }
}

/**
 * The centroids of the rows added so far: each class mean, moved a fraction `shrinkage` of the way
 * towards the mean of all those rows. New arrays, so the sums can grow without changing this model.
 */
export function centroidsFromSums(
  { numFeatures: d, sums, counts }: ClassSums,
  shrinkage: number,
): NearestCentroidModel {
  const k = counts.length;
  const seen = counts.reduce((total, count) => total + count, 0);
  const centroids = new Float64Array(k * d);
  for (let j = 0; j < d; j++) {
    let overall = 0;
    for (let c = 0; c < k; c++) overall += sums[c * d + j] as number;
    overall /= seen;
    for (let c = 0; c < k; c++) {
      const mean = (sums[c * d + j] as number) / (counts[c] as number);
      if (counts[c]) centroids[c * d + j] = (1 - shrinkage) * mean + shrinkage * overall;
    }
  }
  return { numFeatures: d, numClasses: k, centroids, counts: counts.slice() };
}
