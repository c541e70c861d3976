import { type Dataset, datasetFromArrays, seededRandom } from '@digitlab/datasets';

/** Points on a line, one feature each. */
export function lineDataset(
  xs: readonly number[],
  labels: readonly number[],
  numClasses: number,
): Dataset {
  return datasetFromArrays({
    name: 'line',
    split: 'train',
    features: Float32Array.from(xs),
    labels: Uint8Array.from(labels),
    imageShape: [1],
    numClasses,
  });
}

/** Uniform random features in [0, 1) with random labels: no structure, so ties and near-ties are rare. */
export function randomDataset(
  numSamples: number,
  numFeatures: number,
  numClasses: number,
  seed: number,
  split = 'train',
): Dataset {
  const random = seededRandom(seed);
  return datasetFromArrays({
    name: 'random',
    split,
    features: Float32Array.from({ length: numSamples * numFeatures }, random),
    labels: Uint8Array.from({ length: numSamples }, () => Math.floor(random() * numClasses)),
    imageShape: [numFeatures],
    numClasses,
  });
}
