import { z } from 'zod';
import { type DefinedPlugin, defineClassifier } from '../define-classifier.js';
import { ArtifactError } from '../errors.js';
import { imagesOfRows } from '../image-set.js';
import type { ModelMetadata } from '../model-metadata.js';

const options = z.strictObject({
  shrink: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe('Pull each centroid towards the mean of all samples: 0 = none, 1 = all the way'),
});
type Options = z.output<typeof options>;

/** One centroid per class: numClasses × numFeatures, row-major. */
interface Centroids {
  readonly numFeatures: number;
  readonly centroids: Float32Array;
}

const FILE = 'centroids.bin';
const CENTROIDS = { name: 'centroids', title: 'Class centroids', scale: 'sequential' } as const;

/**
 * A nearest-centroid classifier with no iterations and no tensors, on core's fit driver: a small,
 * exact plugin to test hosts against (apps, registries, this conformance kit), and proof that the
 * contract does not assume gradients. One step per class, each adding that class's centroid.
 */
export const centroidPlugin: (defaults?: Partial<Options>) => DefinedPlugin<Options, Centroids> =
  defineClassifier({
    name: 'toy-centroid',
    description: 'Nearest centroid (test plugin)',
    options,
    train({ data, options: o }) {
      const { numSamples: n, numFeatures: d, numClasses: k, features, labels } = data;
      const sums = new Float64Array(k * d);
      const counts = new Float64Array(k);
      const mean = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        const c = labels[i] as number;
        counts[c] = (counts[c] as number) + 1;
        for (let j = 0; j < d; j++) {
          const v = features[i * d + j] as number;
          sums[c * d + j] = (sums[c * d + j] as number) + v;
          mean[j] = (mean[j] as number) + v / n;
        }
      }
      async function* steps() {
        const centroids = new Float32Array(k * d);
        for (let c = 0; c < k; c++) {
          for (let j = 0; j < d; j++) {
            const own = (sums[c * d + j] as number) / Math.max(1, counts[c] as number);
            centroids[c * d + j] = (1 - o.shrink) * own + o.shrink * (mean[j] as number);
          }
          yield { model: { numFeatures: d, centroids: centroids.slice() }, message: `class ${c}` };
        }
        return { stopReason: 'completed', converged: true, message: `computed ${k} centroids` };
      }
      return { unit: 'step', total: k, description: 'nearest centroid', steps: steps() };
    },
    predictProba: (model, features) => softmaxOfNegativeDistances(model, features),
    inspect: ({ centroids }, { shape, classNames }) =>
      shape ? [imagesOfRows(CENTROIDS, centroids, shape, classNames)] : [],
    encode: (model) => ({ [FILE]: new Uint8Array(model.centroids.slice().buffer) }),
    decode: (files, metadata) => decodeCentroids(files[FILE], metadata),
  });

/**
 * Read `centroids.bin` as the metadata's numClasses × numFeatures float32 centroids, refusing a
 * missing file, a wrong size or a non-finite value with an ArtifactError naming the file and entry.
 */
function decodeCentroids(bytes: Uint8Array | undefined, metadata: ModelMetadata): Centroids {
  const { numClasses: k, numFeatures: d } = metadata;
  const fail = (problem: string): never => {
    throw new ArtifactError(problem, FILE);
  };
  if (bytes === undefined)
    return fail(`expected ${k} × ${d} float32 centroids, found the file missing`);
  if (bytes.byteLength !== k * d * 4)
    fail(
      `expected ${k} × ${d} float32 values = ${k * d * 4} bytes (per the model's metadata), found ${bytes.byteLength} bytes`,
    );
  // A copy: Float32Array needs 4-byte alignment, and the model must not share the caller's bytes.
  const centroids = new Float32Array(bytes.slice().buffer);
  // One NaN or ±Infinity makes every distance to that class NaN or infinite, and the softmax NaN.
  const bad = centroids.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0)
    fail(
      `expected finite values, found ${centroids[bad]} at class ${Math.floor(bad / d)}, feature ${bad % d}`,
    );
  return { numFeatures: d, centroids };
}

/** softmax(−squared distance) per row, shifted by the nearest so no row underflows to zeros. */
function softmaxOfNegativeDistances(model: Centroids, features: Float32Array): Float32Array {
  const { numFeatures: d, centroids } = model;
  const k = centroids.length / d;
  const n = features.length / d;
  const out = new Float32Array(n * k);
  const dist = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      let sum = 0;
      for (let j = 0; j < d; j++)
        sum += ((features[i * d + j] as number) - (centroids[c * d + j] as number)) ** 2;
      dist[c] = sum;
    }
    // Finite: each term is at most (2 × float32 max)² ≈ 5e77 in float64, given the finite
    // features core checks and the finite centroids training makes and decodeCentroids checks.
    const nearest = Math.min(...dist);
    let total = 0;
    for (let c = 0; c < k; c++) total += Math.exp(nearest - (dist[c] as number));
    for (let c = 0; c < k; c++) out[i * k + c] = Math.exp(nearest - (dist[c] as number)) / total;
  }
  return out;
}
