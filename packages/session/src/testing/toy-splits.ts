import { type Dataset, datasetFromArrays } from '@digitlab/datasets';
import type { TrainingData } from '../load-training-data.js';

/**
 * Noisy separable data: class c's samples sit around a corner of its own, with a seeded spread so
 * early iterations make mistakes the confusion matrix can show.
 */
export function toySplits(
  perClass = 30,
  numClasses = 10,
  numFeatures = 12,
  classNames?: readonly string[],
): TrainingData {
  return {
    train: toyDataset('train', perClass, numClasses, numFeatures, 1, classNames),
    test: toyDataset('test', perClass, numClasses, numFeatures, 2, classNames),
    samplingText: `${perClass} per class (toy)`,
  };
}

function toyDataset(
  split: string,
  perClass: number,
  k: number,
  d: number,
  seed: number,
  classNames?: readonly string[],
): Dataset {
  const n = perClass * k;
  const features = new Float32Array(n * d);
  const labels = new Uint8Array(n);
  let state = seed * 2654435761;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (let i = 0; i < n; i++) {
    const c = i % k;
    labels[i] = c;
    for (let j = 0; j < d; j++)
      features[i * d + j] = (j % k === c ? 1 : 0) + (random() - 0.5) * 1.6;
  }
  return datasetFromArrays({
    name: 'toy',
    split,
    features,
    labels,
    imageShape: [d],
    numClasses: k,
    classNames: classNames ?? Array.from({ length: k }, (_, c) => String(c)),
  });
}
