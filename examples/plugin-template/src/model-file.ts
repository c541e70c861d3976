import {
  decodeJsonFile,
  encodeJsonFile,
  type ModelFiles,
  type ModelMetadata,
} from '@digitlab/core';
import { z } from 'zod';
import type { NearestCentroidModel } from './nearest-centroid-model.js';
import { type NearestCentroidOptions, nearestCentroidOptionsSchema } from './options.js';

/** The one file a saved nearest-centroid model holds besides core's manifest. */
export const MODEL_FILE = 'nearest-centroid.json';

/** The file, format version 1, for a model of the sizes the manifest's metadata gives. */
function modelFileSchema({ numFeatures: d, numClasses: k }: ModelMetadata) {
  const asMetadata = (n: number) => `expected ${n} (as the model's metadata)`;
  return z.object({
    format: z.literal('digitlab-nearest-centroid'),
    version: z.literal(1),
    // The options schema already knows what a valid option is; reuse it rather than repeat it.
    options: nearestCentroidOptionsSchema,
    numFeatures: z.literal(d, asMetadata(d)),
    numClasses: z.literal(k, asMetadata(k)),
    counts: z
      .array(z.number().int().nonnegative())
      .length(k)
      .refine((counts) => counts.some((n) => n > 0), 'expected a class with training samples'),
    // One array of numFeatures numbers per class.
    centroids: z.array(z.array(z.number()).length(d)).length(k),
  });
}

/** A model and the options it predicts with, as the files of a core ModelArtifact. */
export function encodeModelFile(model: NearestCentroidModel, options: NearestCentroidOptions) {
  const { numFeatures: d, numClasses: k } = model;
  const json: z.input<ReturnType<typeof modelFileSchema>> = {
    format: 'digitlab-nearest-centroid',
    version: 1,
    options,
    numFeatures: d,
    numClasses: k,
    counts: Array.from(model.counts),
    centroids: Array.from({ length: k }, (_, c) => [...model.centroids.subarray(c * d, c * d + d)]),
  };
  return { [MODEL_FILE]: encodeJsonFile(json) };
}

/** The model and its options from artifact files; problems are ArtifactErrors naming the file. */
export function decodeModelFile(files: ModelFiles, metadata: ModelMetadata): NearestCentroidModel {
  const json = decodeJsonFile(files, MODEL_FILE, modelFileSchema(metadata));
  const { numFeatures, numClasses, counts, centroids, options } = json;
  const flat = Float64Array.from(centroids.flat());
  return { numFeatures, numClasses, centroids: flat, counts: Float64Array.from(counts), options };
}
