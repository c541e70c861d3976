import { type Dataset, datasetFromArrays } from '@digitlab/datasets';

/** A labelled dataset of 2-D points written out by hand, for cases computed on paper. */
export function points(
  rows: readonly (readonly [x: number, y: number, label: number])[],
  options: { numClasses?: number; split?: string } = {},
): Dataset {
  return datasetFromArrays({
    name: 'points',
    split: options.split ?? 'train',
    features: Float32Array.from(rows.flatMap((row) => row.slice(0, 2))),
    labels: Uint8Array.from(rows.map(([, , label]) => label)),
    imageShape: [2],
    ...(options.numClasses === undefined ? {} : { numClasses: options.numClasses }),
    preprocessing: [{ kind: 'scale', factor: 0.5 }],
  });
}

/**
 * Two classes of unequal size, interleaved so the first step of a fit sees only class 0.
 * Class 0: (0,0), (2,0), (1,3) → centroid (1,1). Class 1: (4,4), (6,4) → centroid (5,4).
 * Mean of all five points: (2.6, 2.2).
 */
export const UNEQUAL = points([
  [0, 0, 0],
  [4, 4, 1],
  [2, 0, 0],
  [6, 4, 1],
  [1, 3, 0],
]);

/**
 * Centroids (0,0) and (8,3): from (3,3) class 0 is nearer in L2 (√18 ≈ 4.24 < 5) but class 1 is
 * nearer in L1 (5 < 6).
 */
export const METRICS_DISAGREE = points([
  [-1, 0, 0],
  [8, 2, 1],
  [1, 0, 0],
  [8, 4, 1],
]);

/** One row of features per point. */
export function rowsOf(...pts: readonly (readonly [number, number])[]): Float32Array {
  return Float32Array.from(pts.flat());
}
