import {
  decodeJsonFile,
  encodeJsonFile,
  type ModelFiles,
  type ModelMetadata,
} from '@digitlab/core';
import { z } from 'zod';
import type { NearestCentroidModel } from './nearest-centroid-model.js';

/** The one file a saved nearest-centroid model holds besides core's manifest. */
export const MODEL_FILE = 'nearest-centroid.json';

/** Format version 1, sized by the manifest, which holds the options (older files' copies go unread). */
function modelFileSchema({ numFeatures: d, numClasses: k }: ModelMetadata) {
  return z.object({
    format: z.literal('digitlab-nearest-centroid'),
    version: z.literal(1),
    counts: z
      .array(z.number().int().nonnegative())
      .length(k)
      .refine((counts) => counts.some((n) => n > 0), 'expected a class with training samples'),
    // One array of numFeatures numbers per class.
    centroids: z.array(z.array(z.number()).length(d)).length(k),
  });
}

/** A model as the files of a core ModelArtifact. */
export function encodeModelFile(model: NearestCentroidModel) {
  const { numFeatures: d, numClasses: k, centroids } = model;
  const json: z.input<ReturnType<typeof modelFileSchema>> = {
    format: 'digitlab-nearest-centroid',
    version: 1,
    counts: Array.from(model.counts),
    centroids: Array.from({ length: k }, (_, c) => [...centroids.subarray(c * d, c * d + d)]),
  };
  return { [MODEL_FILE]: encodeJsonFile(json) };
}

/** The model from artifact files; problems are ArtifactErrors naming the file. */
export function decodeModelFile(files: ModelFiles, metadata: ModelMetadata): NearestCentroidModel {
  const json = decodeJsonFile(files, MODEL_FILE, modelFileSchema(metadata));
  const { numFeatures, numClasses } = metadata;
  const centroids = Float64Array.from(json.centroids.flat());
  return { numFeatures, numClasses, centroids, counts: Float64Array.from(json.counts) };
}
