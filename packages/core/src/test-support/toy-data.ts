import type { Dataset } from '@digitlab/datasets';

/** A small labelled dataset built by hand: class c's samples sit around the point (c, c, …). */
export function toyDataset(numPerClass = 4, numClasses = 3, numFeatures = 2): Dataset {
  const n = numPerClass * numClasses;
  const features = new Float32Array(n * numFeatures);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % numClasses;
    labels[i] = c;
    for (let j = 0; j < numFeatures; j++)
      features[i * numFeatures + j] = c + ((i * 7 + j * 3) % 5) * 0.01;
  }
  return {
    name: 'toy',
    split: 'train',
    features,
    labels,
    numSamples: n,
    numFeatures,
    imageShape: [numFeatures],
    numClasses,
    classNames: Array.from({ length: numClasses }, (_, c) => `class ${c}`),
    preprocessing: [],
  };
}
