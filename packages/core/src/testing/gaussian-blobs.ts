import { type Dataset, datasetFromArrays, seededRandom } from '@digitlab/datasets';
import { cyclingSamples } from './cycling-samples.js';

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
  const { features, labels } = cyclingSamples(
    perClass,
    k,
    d,
    (c, j) => (centres[c * d + j] as number) + gaussian(),
  );
  return datasetFromArrays({
    name: 'blobs',
    split: options.split ?? 'train',
    features,
    labels,
    imageShape: [d],
    numClasses: k,
    classNames: Array.from({ length: k }, (_, c) => `blob ${c}`),
  });
}
