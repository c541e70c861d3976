/** Features and labels of a generated dataset, row-major. */
export interface GeneratedSamples {
  readonly features: Float32Array;
  readonly labels: Uint8Array;
}

/**
 * perClass·numClasses samples whose labels cycle 0, 1, …, k−1, so every prefix of the data holds
 * every class; feature j of sample i, of class c, is `feature(c, j, i)`, called in row order (so a
 * seeded generator inside it gives the same data every time).
 */
export function cyclingSamples(
  perClass: number,
  numClasses: number,
  numFeatures: number,
  feature: (c: number, j: number, i: number) => number,
): GeneratedSamples {
  const n = perClass * numClasses;
  const features = new Float32Array(n * numFeatures);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % numClasses;
    labels[i] = c;
    for (let j = 0; j < numFeatures; j++) features[i * numFeatures + j] = feature(c, j, i);
  }
  return { features, labels };
}
