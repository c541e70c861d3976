import { type Dataset, datasetFromArrays } from '@digitlab/datasets';
import { cyclingSamples } from '../testing/cycling-samples.js';

/** A small labelled dataset built by hand: class c's samples sit around the point (c, c, …). */
export function toyDataset(numPerClass = 4, numClasses = 3, numFeatures = 2): Dataset {
  const { features, labels } = cyclingSamples(
    numPerClass,
    numClasses,
    numFeatures,
    (c, j, i) => c + ((i * 7 + j * 3) % 5) * 0.01,
  );
  return datasetFromArrays({
    name: 'toy',
    split: 'train',
    features,
    labels,
    imageShape: [numFeatures],
    numClasses,
    classNames: Array.from({ length: numClasses }, (_, c) => `class ${c}`),
  });
}
