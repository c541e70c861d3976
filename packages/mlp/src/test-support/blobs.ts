import type { Dataset } from '@digitlab/datasets';
import { seededRandom } from '../seeded-random.js';

/** Overlapping Gaussian blobs: class c is centred on a random point, with unit noise. */
export function blobs(options: {
  perClass: number;
  numClasses: number;
  numFeatures: number;
  seed?: number;
  spread?: number;
  split?: string;
}): Dataset {
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
  return {
    name: 'xor',
    split,
    features,
    labels,
    numSamples: n,
    numFeatures: d,
    imageShape: [d],
    numClasses: 2,
    classNames: ['same sign', 'opposite sign'],
    preprocessing: [],
  };
}
