import { type Dataset, datasetFromArrays, seededRandom } from '@digitlab/datasets';

/**
 * XOR-like data no linear model separates: class = (x₀ > 0) XOR (x₁ > 0), with extra noise
 * features. A hidden layer is needed to fit it.
 */
export function xorData(
  perQuadrant: number,
  noiseFeatures = 2,
  seed = 3,
  split = 'train',
): Dataset {
  const random = seededRandom(seed);
  const d = 2 + noiseFeatures;
  const n = perQuadrant * 4;
  const features = new Float32Array(n * d);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const q = i % 4;
    const sx = q & 1 ? 1 : -1;
    const sy = q & 2 ? 1 : -1;
    features[i * d] = sx * (0.2 + random());
    features[i * d + 1] = sy * (0.2 + random());
    for (let j = 2; j < d; j++) features[i * d + j] = random() - 0.5;
    labels[i] = sx * sy > 0 ? 0 : 1;
  }
  return datasetFromArrays({
    name: 'xor',
    split,
    features,
    labels,
    imageShape: [d],
    classNames: ['same sign', 'opposite sign'],
  });
}
