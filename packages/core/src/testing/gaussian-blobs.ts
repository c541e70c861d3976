import type { Dataset } from '@digitlab/datasets';

/** A small deterministic generator (mulberry32) so test data never depends on Math.random. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sizes and seed of `gaussianBlobs`. */
export interface GaussianBlobsOptions {
  readonly perClass: number;
  readonly numClasses: number;
  readonly numFeatures: number;
  readonly seed?: number;
  /** Centres are drawn uniformly from [−spread, spread] per feature (the same for every seed). */
  readonly spread?: number;
  readonly split?: string;
}

/**
 * Overlapping Gaussian blobs: class c is centred on a random point, with unit noise; labels cycle
 * 0, 1, …, k−1. Harder than `separableClusters` (classes overlap), for checking that trained
 * models agree with references rather than that they fit perfectly.
 */
export function gaussianBlobs(options: GaussianBlobsOptions): Dataset {
  const { perClass, numClasses: k, numFeatures: d, seed = 1, spread = 1.5 } = options;
  const random = seededRandom(seed);
  const centreRandom = seededRandom(1000);
  const gaussian = (): number =>
    Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = Array.from({ length: k * d }, () => (centreRandom() * 2 - 1) * spread);
  const n = perClass * k;
  const features = new Float32Array(n * d);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    labels[i] = c;
    for (let j = 0; j < d; j++) features[i * d + j] = (centres[c * d + j] as number) + gaussian();
  }
  return {
    name: 'blobs',
    split: options.split ?? 'train',
    features,
    labels,
    numSamples: n,
    numFeatures: d,
    imageShape: [d],
    numClasses: k,
    classNames: Array.from({ length: k }, (_, c) => `blob ${c}`),
    preprocessing: [],
  };
}
