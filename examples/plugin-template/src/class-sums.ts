import type { NearestCentroidModel } from './nearest-centroid-model.js';

/** Running per-class feature sums: what a fit accumulates, one chunk of rows per step. */
export interface ClassSums {
  readonly numFeatures: number;
  readonly numClasses: number;
  /** numClasses × numFeatures, row-major. */
  readonly sums: Float64Array;
  readonly counts: Float64Array;
}

/** Empty sums for `numClasses` classes of `numFeatures` features. */
export function createClassSums(numFeatures: number, numClasses: number): ClassSums {
  return {
    numFeatures,
    numClasses,
    sums: new Float64Array(numClasses * numFeatures),
    counts: new Float64Array(numClasses),
  };
}

/** Add rows [from, to) of row-major `features` with their `labels` to the sums, in place. */
export function addRows(
  sums: ClassSums,
  features: Float32Array,
  labels: Uint8Array,
  from: number,
  to: number,
): void {
  const d = sums.numFeatures;
  for (let i = from; i < to; i++) {
    const c = labels[i] as number;
    sums.counts[c] = (sums.counts[c] as number) + 1;
    const row = i * d;
    const centre = c * d;
    for (let j = 0; j < d; j++)
      sums.sums[centre + j] = (sums.sums[centre + j] as number) + (features[row + j] as number);
  }
}

/**
 * The centroids of the rows added so far: each class mean, moved a fraction `shrinkage` of the way
 * towards the mean of all those rows (so a frequent class weighs more in it). Returns new arrays;
 * the sums can keep growing without changing a model already handed out.
 */
export function centroidsFromSums(sums: ClassSums, shrinkage: number): NearestCentroidModel {
  const { numFeatures: d, numClasses: k } = sums;
  let seen = 0;
  for (let c = 0; c < k; c++) seen += sums.counts[c] as number;
  const overall = new Float64Array(d);
  if (seen > 0) {
    for (let c = 0; c < k; c++)
      for (let j = 0; j < d; j++)
        overall[j] = (overall[j] as number) + (sums.sums[c * d + j] as number);
    for (let j = 0; j < d; j++) overall[j] = (overall[j] as number) / seen;
  }
  const centroids = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const count = sums.counts[c] as number;
    if (count === 0) continue;
    for (let j = 0; j < d; j++) {
      const mean = (sums.sums[c * d + j] as number) / count;
      centroids[c * d + j] = (1 - shrinkage) * mean + shrinkage * (overall[j] as number);
    }
  }
  return { numFeatures: d, numClasses: k, centroids, counts: sums.counts.slice() };
}
