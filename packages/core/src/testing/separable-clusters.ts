import { type DatasetSplits, datasetFromArrays } from '@digitlab/datasets';

/** Sizes and seed of the conformance data. */
export interface SeparableClustersOptions {
  readonly numClasses?: number;
  /** Training samples per class. */
  readonly perClass?: number;
  /** Held-out samples per class. */
  readonly testPerClass?: number;
  readonly numFeatures?: number;
  readonly seed?: number;
}

/**
 * A tiny deterministic dataset any classifier should fit: class c's samples sit near a corner of
 * [0, 1]^d (0.8 on features j with j mod k = c, 0.2 elsewhere) with uniform noise of ±0.15, so
 * classes are linearly separable with a margin. Labels cycle 0, 1, …, k−1 so every prefix of the
 * training set holds every class. Features claim a 1/255 scaling so metadata round trips are tested.
 */
export function separableClusters(options: SeparableClustersOptions = {}): DatasetSplits {
  const { numClasses = 3, perClass = 20, testPerClass = 5, numFeatures = 8, seed = 1 } = options;
  if (numFeatures < numClasses) {
    throw new RangeError(
      `separableClusters: expected numFeatures ≥ numClasses (each class needs its own features), found ${numFeatures} features for ${numClasses} classes`,
    );
  }
  const random = mulberry32(seed);
  const make = (split: string, count: number) => {
    const n = count * numClasses;
    const features = new Float32Array(n * numFeatures);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const c = i % numClasses;
      labels[i] = c;
      for (let j = 0; j < numFeatures; j++) {
        const centre = j % numClasses === c ? 0.8 : 0.2;
        features[i * numFeatures + j] = centre + (random() - 0.5) * 0.3;
      }
    }
    return datasetFromArrays({
      name: 'separable-clusters',
      split,
      features,
      labels,
      imageShape: [numFeatures],
      numClasses,
      preprocessing: [{ kind: 'scale', factor: 1 / 255 }],
    });
  };
  return { train: make('train', perClass), test: make('test', testPerClass) };
}

// A seeded generator small enough to inline: the data must not depend on any library's RNG.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
