import type { Dataset } from '@digitlab/datasets';
import type { NearestCentroidModel } from './nearest-centroid-model.js';

/** What a fit accumulates, one chunk of rows per step: per-class feature sums and row counts. */
export class ClassSums {
  /** numClasses × numFeatures, row-major. */
  private readonly sums: Float64Array;
  readonly counts: Float64Array;

  constructor(
    private readonly numFeatures: number,
    numClasses: number,
  ) {
    this.sums = new Float64Array(numClasses * numFeatures);
    this.counts = new Float64Array(numClasses);
  }

  /** Add rows [from, to) of `data`. */
  add(data: Dataset, from: number, to: number): void {
    const { numFeatures: d, sums, counts } = this;
    for (let i = from; i < to; i++) {
      const c = data.labels[i] as number;
      counts[c] = (counts[c] as number) + 1;
      for (let j = 0; j < d; j++)
        sums[c * d + j] = (sums[c * d + j] as number) + (data.features[i * d + j] as number);
    }
  }

  /** Class means of the rows so far, moved `shrinkage` of the way to their overall mean; a copy. */
  centroids(shrinkage: number): NearestCentroidModel {
    const { numFeatures: d, sums, counts } = this;
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
}
