import type { Dataset, PreprocessingStep } from './dataset.js';
import { datasetFromArrays } from './dataset-from-arrays.js';
import { DatasetError } from './errors.js';
import { applyStepInto } from './preprocessing.js';
import { sharedFloat32 } from './shared-features.js';

/** A standardize step as fitted: per-feature mean and population standard deviation. */
export type StandardizeStep = Extract<PreprocessingStep, { kind: 'standardize' }>;

/** Per-feature mean and (population) standard deviation of a dataset's features, in two passes. */
export function fitStandardize(ds: Dataset): StandardizeStep {
  const { features, numFeatures, numSamples } = ds;
  const sum = new Float64Array(numFeatures);
  for (let row = 0; row < features.length; row += numFeatures) {
    for (let j = 0; j < numFeatures; j++) sum[j]! += features[row + j]!;
  }
  const mean = new Float32Array(numFeatures);
  for (let j = 0; j < numFeatures; j++) mean[j] = sum[j]! / numSamples;
  // Deviations from the stored (float32) mean, so std describes the data that apply sees.
  const squares = new Float64Array(numFeatures);
  for (let row = 0; row < features.length; row += numFeatures) {
    for (let j = 0; j < numFeatures; j++) {
      const d = features[row + j]! - mean[j]!;
      squares[j]! += d * d;
    }
  }
  const std = new Float32Array(numFeatures);
  for (let j = 0; j < numFeatures; j++) std[j] = Math.sqrt(squares[j]! / numSamples);
  return Object.freeze({ kind: 'standardize', mean, std });
}

function applyTo(ds: Dataset, step: StandardizeStep): Dataset {
  const features = sharedFloat32(ds.features.length);
  applyStepInto(features, ds.features, ds.numFeatures, step);
  return datasetFromArrays({ ...ds, features, preprocessing: [...ds.preprocessing, step] });
}

/**
 * Standardizes both datasets with statistics fitted on train only (a feature with std 0 is only
 * centred), appending the same step to each one's preprocessing.
 */
export function standardize(train: Dataset, test: Dataset): { train: Dataset; test: Dataset } {
  if (test.numFeatures !== train.numFeatures) {
    throw new DatasetError(
      `standardize: expected ${test.name}/${test.split} to have the ${train.numFeatures} features of ${train.name}/${train.split}, found ${test.numFeatures}`,
    );
  }
  const step = fitStandardize(train);
  return { train: applyTo(train, step), test: applyTo(test, step) };
}
