import type { Metric } from './options.js';

/**
 * A trained nearest-centroid model: one centroid per class. Plain typed arrays, no tensors and no
 * I/O, so the math below is easy to test by hand and to reuse.
 */
export interface NearestCentroidModel {
  readonly numFeatures: number;
  readonly numClasses: number;
  /** numClasses × numFeatures, row-major. Rows of classes without samples are zeros and unused. */
  readonly centroids: Float64Array;
  /** Training samples per class. A class with none has no centroid and is never predicted. */
  readonly counts: Float64Array;
}

/**
 * Distance from each row of `features` to each class centroid, numRows × numClasses row-major.
 * Classes without training samples are infinitely far away.
 */
export function centroidDistances(
  model: NearestCentroidModel,
  metric: Metric,
  features: Float32Array,
): Float64Array {
  const { numFeatures: d, numClasses: k, centroids, counts } = model;
  const n = features.length / d;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let c = 0; c < k; c++) {
      if ((counts[c] as number) === 0) {
        out[i * k + c] = Number.POSITIVE_INFINITY;
        continue;
      }
      const centre = c * d;
      let sum = 0;
      if (metric === 'euclidean') {
        for (let j = 0; j < d; j++) {
          const diff = (features[row + j] as number) - (centroids[centre + j] as number);
          sum += diff * diff;
        }
        out[i * k + c] = Math.sqrt(sum);
      } else {
        for (let j = 0; j < d; j++)
          sum += Math.abs((features[row + j] as number) - (centroids[centre + j] as number));
        out[i * k + c] = sum;
      }
    }
  }
  return out;
}

/**
 * The nearest class of each row of a numRows × numClasses distance matrix; equal distances go to
 * the smallest class index, so predictions do not depend on floating-point noise in a softmax.
 */
export function nearestClasses(distances: Float64Array, numClasses: number): Int32Array {
  const n = distances.length / numClasses;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < numClasses; c++) {
      if ((distances[i * numClasses + c] as number) < (distances[i * numClasses + best] as number))
        best = c;
    }
    out[i] = best;
  }
  return out;
}

/**
 * Class probabilities softmax(-distance / temperature) per row, numRows × numClasses row-major.
 * Distances are shifted by the row's smallest one first, so the nearest class gets exp(0) = 1 and
 * nothing overflows or underflows to an all-zero row; an infinite distance gets probability 0.
 */
export function probabilitiesFromDistances(
  distances: Float64Array,
  numClasses: number,
  temperature: number,
): Float32Array {
  const n = distances.length / numClasses;
  const out = new Float32Array(n * numClasses);
  const weights = new Float64Array(numClasses);
  for (let i = 0; i < n; i++) {
    let nearest = Number.POSITIVE_INFINITY;
    for (let c = 0; c < numClasses; c++)
      nearest = Math.min(nearest, distances[i * numClasses + c] as number);
    let total = 0;
    for (let c = 0; c < numClasses; c++) {
      const w = Math.exp(-((distances[i * numClasses + c] as number) - nearest) / temperature);
      weights[c] = w;
      total += w;
    }
    for (let c = 0; c < numClasses; c++) out[i * numClasses + c] = (weights[c] as number) / total;
  }
  return out;
}
