import type { DatasetSplits } from '@digitlab/datasets';
import { gaussianBlobs } from './gaussian-blobs.js';

/**
 * Data for a plugin's save and load tests: `gaussianBlobs` of 3 classes and 4 features whose
 * training split claims a 2×2 image shape and a ×0.5 scaling, so a saved model has metadata to
 * carry back, and a held-out draw of the same blobs as `test`.
 */
export function roundTripBlobs(): DatasetSplits {
  return {
    train: {
      ...gaussianBlobs({ perClass: 25, numClasses: 3, numFeatures: 4, seed: 5 }),
      imageShape: [2, 2],
      preprocessing: [{ kind: 'scale', factor: 0.5 }],
    },
    test: gaussianBlobs({ perClass: 10, numClasses: 3, numFeatures: 4, seed: 6, split: 'test' }),
  };
}
