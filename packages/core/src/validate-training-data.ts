import type { Dataset } from '@digitlab/datasets';
import { ClassifierInputError } from './errors.js';
import { validateFeatures } from './validate-features.js';

/** What a plugin requires of its training data beyond the Dataset shape. */
export interface TrainingDataRequirements {
  /** Fewest classes the model can learn (2 for softmax models; 1 for a neighbour index). */
  readonly minClasses?: number;
  /** Fewest samples the model can learn from (e.g. k for k-nearest neighbours). */
  readonly minSamples?: number;
}

/**
 * Check a training set before a plugin copies it anywhere: sizes are positive integers, the
 * features are whole finite rows, there is one label per row and every label is below numClasses.
 * The messages name the dataset, what was expected and what was found.
 */
export function validateTrainingData(
  train: Dataset,
  requirements: TrainingDataRequirements = {},
): void {
  const where = `training data '${train.name}' ${train.split}`;
  const { numSamples: n, numFeatures: d, numClasses: k } = train;
  const minClasses = requirements.minClasses ?? 2;
  const minSamples = requirements.minSamples ?? 1;
  if (!Number.isInteger(d) || d < 1) {
    throw new ClassifierInputError(`${where}: expected numFeatures ≥ 1, found ${d}`);
  }
  if (!Number.isInteger(k) || k < minClasses || k > 256) {
    throw new ClassifierInputError(
      `${where}: expected numClasses in [${minClasses}, 256] (labels are bytes), found ${k}`,
    );
  }
  if (!Number.isInteger(n) || n < minSamples) {
    throw new ClassifierInputError(
      `${where}: expected at least ${minSamples} sample${minSamples === 1 ? '' : 's'}, found ${n}`,
    );
  }
  const rows = validateFeatures(train.features, d, `${where} features`);
  if (rows !== n || train.labels.length !== n) {
    throw new ClassifierInputError(
      `${where}: expected ${n} rows of features and ${n} labels (numSamples), found ${rows} and ${train.labels.length}`,
    );
  }
  for (let i = 0; i < n; i++) {
    const label = train.labels[i] as number;
    if (label >= k) {
      throw new ClassifierInputError(
        `${where}: expected labels in [0, ${k}), found ${label} at sample ${i}`,
      );
    }
  }
}

/**
 * Mean accuracy of `predict` on a labelled dataset whose rows must have `numFeatures` values: the
 * shared body of every plugin's `score`.
 */
export async function scoreDataset(
  data: Dataset,
  numFeatures: number,
  predict: (features: Float32Array) => Promise<Int32Array>,
): Promise<number> {
  if (data.numFeatures !== numFeatures) {
    throw new ClassifierInputError(
      `score: expected ${numFeatures} features per sample, found ${data.numFeatures} in '${data.name}' ${data.split}`,
    );
  }
  const predictions = await predict(data.features);
  if (predictions.length === 0) return 0;
  let correct = 0;
  for (let i = 0; i < predictions.length; i++) if (predictions[i] === data.labels[i]) correct++;
  return correct / predictions.length;
}
