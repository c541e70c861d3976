import { type DatasetSplits, datasetFromArrays, seededRandom } from '@digitlab/datasets';
import { cyclingSamples } from './cycling-samples.js';

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
 * training set holds every class. Features claim a 1/255 scaling so metadata round trips are tested,
 * and form a 2 × d/2 image when d is even, so a plugin's `inspect()` has an image to show.
 */
export function separableClusters(options: SeparableClustersOptions = {}): DatasetSplits {
  const { numClasses = 3, perClass = 20, testPerClass = 5, numFeatures = 8, seed = 1 } = options;
  if (numFeatures < numClasses) {
    throw new RangeError(
      `separableClusters: expected numFeatures ≥ numClasses (each class needs its own features), found ${numFeatures} features for ${numClasses} classes`,
    );
  }
  const random = seededRandom(seed);
  const make = (split: string, count: number) => {
    const { features, labels } = cyclingSamples(count, numClasses, numFeatures, (c, j) => {
      const centre = j % numClasses === c ? 0.8 : 0.2;
      return centre + (random() - 0.5) * 0.3;
    });
    return datasetFromArrays({
      name: 'separable-clusters',
      split,
      features,
      labels,
      imageShape: numFeatures % 2 === 0 ? [2, numFeatures / 2] : [numFeatures],
      numClasses,
      preprocessing: [{ kind: 'scale', factor: 1 / 255 }],
    });
  };
  return { train: make('train', perClass), test: make('test', testPerClass) };
}
