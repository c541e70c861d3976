import type { Metric } from './options.js';

/** A trained nearest-centroid model: plain typed arrays, no tensors, no I/O. */
export interface NearestCentroidModel {
  readonly numFeatures: number;
  readonly numClasses: number;
  /** numClasses × numFeatures, row-major. Rows of classes without samples are zeros and unused. */
  readonly centroids: Float64Array;
  /** Training samples per class. A class with none has no centroid and is never predicted. */
  readonly counts: Float64Array;
}

/** L2 or L1 distance of each row to each centroid (rows × classes); ∞ to a class without rows. */
export function centroidDistances(
  { numFeatures: d, numClasses: k, centroids, counts }: NearestCentroidModel,
  metric: Metric,
  features: Float32Array,
): Float64Array {
  const out = new Float64Array((features.length / d) * k).fill(Number.POSITIVE_INFINITY);
  const l2 = metric === 'euclidean';
  for (let i = 0; i < features.length / d; i++) {
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      let sum = 0;
      for (let j = 0; j < d; j++) {
        const diff = (features[i * d + j] as number) - (centroids[c * d + j] as number);
        sum += l2 ? diff * diff : Math.abs(diff);
      }
      out[i * k + c] = l2 ? Math.sqrt(sum) : sum;
    }
  }
  return out;
}

/** softmax(−distance / temperature) per row, shifted so the nearest class is exp(0): never 0/0. */
export function probabilitiesFromDistances(
  distances: Float64Array,
  numClasses: number,
  temperature: number,
): Float32Array {
  const out = new Float32Array(distances.length);
  for (let i = 0; i < distances.length; i += numClasses) {
    const row = distances.subarray(i, i + numClasses);
    const nearest = Math.min(...row);
    const weights = row.map((distance) => Math.exp((nearest - distance) / temperature));
    const total = weights.reduce((sum, w) => sum + w, 0);
    for (let c = 0; c < numClasses; c++) out[i + c] = (weights[c] as number) / total;
  }
  return out;
}
