import { ArtifactError, type ModelMetadata } from '@digitlab/core';
import { WEIGHTINGS, type Weighting } from './options.js';

/** The files a saved knn model holds besides core's manifest. */
export const KNN_FILES = {
  /** Settings and shapes, as JSON. */
  config: 'knn.json',
  /** numSamples × numFeatures float32, row-major, in the platform's (in practice little-endian) byte order. */
  features: 'train-features.bin',
  /** numSamples class indices, one byte each. */
  labels: 'train-labels.bin',
} as const;

const FORMAT = 'digitlab-knn';
const VERSION = 1;

/** Everything a knn model is: its voting settings and its training set. */
export interface KnnModel {
  readonly k: number;
  readonly weights: Weighting;
  readonly numFeatures: number;
  readonly numClasses: number;
  /** numSamples × numFeatures, row-major. */
  readonly features: Float32Array;
  readonly labels: Uint8Array;
}

interface KnnConfig {
  format: typeof FORMAT;
  version: number;
  k: number;
  weights: Weighting;
  numSamples: number;
  numFeatures: number;
  numClasses: number;
  features: { file: string; dtype: 'float32'; shape: [number, number] };
  labels: { file: string; dtype: 'uint8'; shape: [number] };
}

/** The model as the files of a core ModelArtifact. */
export function encodeKnnFiles(model: KnnModel): Record<string, Uint8Array> {
  const n = model.labels.length;
  const config: KnnConfig = {
    format: FORMAT,
    version: VERSION,
    k: model.k,
    weights: model.weights,
    numSamples: n,
    numFeatures: model.numFeatures,
    numClasses: model.numClasses,
    features: { file: KNN_FILES.features, dtype: 'float32', shape: [n, model.numFeatures] },
    labels: { file: KNN_FILES.labels, dtype: 'uint8', shape: [n] },
  };
  const { features, labels } = model;
  return {
    [KNN_FILES.config]: new TextEncoder().encode(`${JSON.stringify(config, null, 2)}\n`),
    [KNN_FILES.features]: new Uint8Array(features.buffer, features.byteOffset, features.byteLength),
    [KNN_FILES.labels]: new Uint8Array(labels.buffer, labels.byteOffset, labels.byteLength),
  };
}

/**
 * Read a model back from artifact files, checking each against knn.json and the manifest's
 * metadata; any mismatch is an ArtifactError naming the file, what was expected and what was found.
 */
export function decodeKnnFiles(
  files: Readonly<Record<string, Uint8Array>>,
  metadata: ModelMetadata,
): KnnModel {
  const config = readConfig(files);
  const fail = (file: string, problem: string): never => {
    throw new ArtifactError(problem, file);
  };
  const { k, weights, numSamples: n, numFeatures: d, numClasses } = config;
  if (d !== metadata.numFeatures)
    fail(
      KNN_FILES.config,
      `expected numFeatures ${metadata.numFeatures} (as the model's metadata), found ${d}`,
    );
  if (numClasses !== metadata.numClasses)
    fail(
      KNN_FILES.config,
      `expected numClasses ${metadata.numClasses} (as the model's metadata), found ${numClasses}`,
    );
  if (k > n) fail(KNN_FILES.config, `expected k ≤ numSamples (${n}), found k = ${k}`);

  const featureBytes = files[KNN_FILES.features];
  if (featureBytes === undefined)
    fail(
      KNN_FILES.features,
      `expected the training features (${n} × ${d} float32), found the file missing`,
    );
  const bytes = featureBytes as Uint8Array;
  if (bytes.byteLength !== n * d * 4)
    fail(
      KNN_FILES.features,
      `expected ${n} × ${d} float32 values = ${n * d * 4} bytes (per ${KNN_FILES.config}), found ${bytes.byteLength} bytes`,
    );
  // Float32Array needs 4-byte alignment; files read from disk have it, hand-made artifacts may not.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const features = new Float32Array(aligned.buffer, aligned.byteOffset, n * d);
  for (let i = 0; i < features.length; i++) {
    if (!Number.isFinite(features[i] as number)) {
      const row = Math.floor(i / d);
      fail(
        KNN_FILES.features,
        `expected finite values, found ${features[i]} at row ${row}, column ${i - row * d}`,
      );
    }
  }

  const labels = files[KNN_FILES.labels];
  if (labels === undefined)
    fail(KNN_FILES.labels, `expected the training labels (${n} bytes), found the file missing`);
  const l = labels as Uint8Array;
  if (l.byteLength !== n)
    fail(
      KNN_FILES.labels,
      `expected ${n} labels of one byte (per ${KNN_FILES.config}), found ${l.byteLength} bytes`,
    );
  for (let i = 0; i < n; i++) {
    if ((l[i] as number) >= numClasses)
      fail(KNN_FILES.labels, `expected labels in [0, ${numClasses}), found ${l[i]} at row ${i}`);
  }
  return { k, weights, numFeatures: d, numClasses, features, labels: l };
}

function readConfig(files: Readonly<Record<string, Uint8Array>>): KnnConfig {
  const file = KNN_FILES.config;
  const fail = (problem: string): never => {
    throw new ArtifactError(problem, file);
  };
  const bytes = files[file];
  if (bytes === undefined)
    fail(
      `expected the knn settings file (k, weights and shapes), found it missing (files: ${Object.keys(files).join(', ') || 'none'})`,
    );
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    fail(`expected valid JSON, found a parse error: ${(error as Error).message}`);
  }
  const c = json as Partial<KnnConfig> | null;
  if (typeof c !== 'object' || c === null)
    fail(`expected a JSON object, found ${JSON.stringify(json)}`);
  const config = c as Partial<KnnConfig>;
  if (config.format !== FORMAT)
    fail(`expected "format": "${FORMAT}", found ${JSON.stringify(config.format)}`);
  if (config.version !== VERSION)
    fail(`expected "version": ${VERSION}, found ${JSON.stringify(config.version)}`);
  for (const key of ['k', 'numSamples', 'numFeatures', 'numClasses'] as const) {
    const v = config[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
      fail(`expected "${key}" to be a positive integer, found ${JSON.stringify(v)}`);
  }
  if (!WEIGHTINGS.includes(config.weights as Weighting))
    fail(
      `expected "weights" to be one of ${WEIGHTINGS.map((w) => `"${w}"`).join(', ')}, found ${JSON.stringify(config.weights)}`,
    );
  return config as KnnConfig;
}
