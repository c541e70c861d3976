import type { Dataset } from './dataset.js';
import { datasetFromArrays } from './dataset-from-arrays.js';
import { applyStepInto, DEFAULT_SCALE_FACTOR, scaleStep } from './preprocessing.js';
import { sharedFloat32 } from './shared-features.js';

/** A copy with features multiplied by factor (1/255 maps raw pixels to [0, 1]), recorded as a step. */
export function scale(ds: Dataset, factor: number = DEFAULT_SCALE_FACTOR): Dataset {
  const step = scaleStep(factor);
  const features = sharedFloat32(ds.features.length);
  applyStepInto(features, ds.features, ds.numFeatures, step);
  return datasetFromArrays({ ...ds, features, preprocessing: [...ds.preprocessing, step] });
}
