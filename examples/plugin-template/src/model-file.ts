import { ArtifactError, type ModelMetadata } from '@digitlab/core';
import type { NearestCentroidModel } from './nearest-centroid-model.js';
import { type NearestCentroidOptions, nearestCentroidOptionsSchema } from './options.js';

/** The one file a saved nearest-centroid model holds besides core's manifest. */
export const MODEL_FILE = 'nearest-centroid.json';

const FORMAT = 'digitlab-nearest-centroid';
const VERSION = 1;

interface ModelJson {
  format: typeof FORMAT;
  version: number;
  options: NearestCentroidOptions;
  numFeatures: number;
  numClasses: number;
  counts: number[];
  /** One array of numFeatures numbers per class. */
  centroids: number[][];
}

/** A model and the options it predicts with, as the files of a core ModelArtifact. */
export function encodeModelFile(
  model: NearestCentroidModel,
  options: NearestCentroidOptions,
): Record<string, Uint8Array> {
  const { numFeatures: d, numClasses: k } = model;
  const json: ModelJson = {
    format: FORMAT,
    version: VERSION,
    options: {
      metric: options.metric,
      shrinkage: options.shrinkage,
      temperature: options.temperature,
    },
    numFeatures: d,
    numClasses: k,
    counts: Array.from(model.counts),
    // JSON keeps every float64 exactly, so a loaded model predicts exactly what the saved one did.
    centroids: Array.from({ length: k }, (_, c) =>
      Array.from(model.centroids.subarray(c * d, (c + 1) * d)),
    ),
  };
  return { [MODEL_FILE]: new TextEncoder().encode(`${JSON.stringify(json)}\n`) };
}

/**
 * Read a model back from artifact files, checking it against the manifest's metadata. Any problem
 * is an ArtifactError naming the file, what was expected and what was found.
 */
export function decodeModelFile(
  files: Readonly<Record<string, Uint8Array>>,
  metadata: ModelMetadata,
): { model: NearestCentroidModel; options: NearestCentroidOptions } {
  const bytes = files[MODEL_FILE];
  if (bytes === undefined)
    fail(
      `expected the centroids file, found it missing (files: ${Object.keys(files).join(', ') || 'none'})`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    fail(`expected valid JSON, found a parse error: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    fail(`expected a JSON object, found ${short(parsed)}`);
  const json = parsed as Partial<ModelJson>;
  if (json.format !== FORMAT) fail(`expected "format": "${FORMAT}", found ${short(json.format)}`);
  if (json.version !== VERSION)
    fail(`expected "version": ${VERSION}, found ${short(json.version)}`);

  // The options schema already knows what a valid option is; reuse it rather than repeat it.
  const options = nearestCentroidOptionsSchema().safeParse(json.options);
  if (!options.success) {
    const issues = options.error.issues.map(
      (i) => `${['options', ...i.path].join('.')}: ${i.message}`,
    );
    fail(`expected valid options, found ${issues.join('; ')}`);
  }

  const d = json.numFeatures;
  const k = json.numClasses;
  if (d !== metadata.numFeatures)
    fail(
      `expected numFeatures ${metadata.numFeatures} (as the model's metadata), found ${short(d)}`,
    );
  if (k !== metadata.numClasses)
    fail(`expected numClasses ${metadata.numClasses} (as the model's metadata), found ${short(k)}`);
  const numFeatures = d;
  const numClasses = k;

  const counts = json.counts;
  if (
    !Array.isArray(counts) ||
    counts.length !== numClasses ||
    !counts.every((n) => Number.isInteger(n) && n >= 0)
  )
    fail(`expected "counts" to be ${numClasses} non-negative integers, found ${short(counts)}`);
  if (!counts.some((n) => n > 0))
    fail('expected at least one class with training samples, found all counts 0');

  const rows = json.centroids;
  if (!Array.isArray(rows) || rows.length !== numClasses)
    fail(`expected "centroids" to be ${numClasses} arrays (one per class), found ${short(rows)}`);
  const centroids = new Float64Array(numClasses * numFeatures);
  rows.forEach((row: unknown, c) => {
    if (!Array.isArray(row) || row.length !== numFeatures)
      fail(`expected centroids[${c}] to hold ${numFeatures} numbers, found ${short(row)}`);
    row.forEach((v: unknown, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v))
        fail(
          `expected finite numbers in the centroids, found ${short(v)} at centroids[${c}][${j}]`,
        );
      centroids[c * numFeatures + j] = v;
    });
  });
  return {
    model: { numFeatures, numClasses, centroids, counts: Float64Array.from(counts) },
    options: options.data,
  };
}

// A declaration (not an arrow in a const) so TypeScript narrows types after a call to it.
function fail(problem: string): never {
  throw new ArtifactError(problem, MODEL_FILE);
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
