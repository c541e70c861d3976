import type { ModelArtifact } from '../model-artifact.js';
import type { ModelMetadata } from '../model-metadata.js';

/**
 * A saved model of the toy centroid plugin's shape (4 features, 2 classes, 2×2 images) holding
 * `files`, for the model-directory tests; `metadata` overrides parts of its metadata.
 */
export function toyArtifact(
  files: Record<string, Uint8Array>,
  metadata: Partial<ModelMetadata> = {},
): ModelArtifact {
  return {
    plugin: 'toy-centroid',
    metadata: {
      numFeatures: 4,
      numClasses: 2,
      classNames: ['a', 'b'],
      imageShape: [2, 2],
      preprocessing: [],
      training: { seed: 7 },
      ...metadata,
    },
    files,
  };
}
