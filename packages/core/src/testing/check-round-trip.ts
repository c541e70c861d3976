import { isDeepStrictEqual } from 'node:util';
import type { Dataset } from '@digitlab/datasets';
import type { ModelMetadata } from '../model-metadata.js';
import { preprocessingToJson } from '../model-metadata.js';
import { ConformanceError, failCheck } from './conformance-error.js';
import { describeValue } from './describe-value.js';

/** What a classifier predicts for one set of features. */
export interface ClassifierOutputs {
  readonly predictions: Int32Array;
  readonly probabilities: Float32Array;
}

/** Check that a reloaded model predicts exactly the same classes and the same probabilities (±tolerance). */
export function checkSameOutputs(
  original: ClassifierOutputs,
  reloaded: ClassifierOutputs,
  tolerance = 1e-6,
): void {
  const fail = failCheck('save/load round trip');
  if (reloaded.predictions.length !== original.predictions.length)
    fail(
      `expected ${original.predictions.length} predictions, found ${reloaded.predictions.length}`,
    );
  for (let i = 0; i < original.predictions.length; i++) {
    if (reloaded.predictions[i] !== original.predictions[i])
      fail(
        `expected class ${original.predictions[i]} at row ${i} (as before saving), found ${reloaded.predictions[i]}`,
      );
  }
  if (reloaded.probabilities.length !== original.probabilities.length)
    fail(
      `expected ${original.probabilities.length} probabilities, found ${reloaded.probabilities.length}`,
    );
  for (let i = 0; i < original.probabilities.length; i++) {
    const a = original.probabilities[i] as number;
    const b = reloaded.probabilities[i] as number;
    if (!(Math.abs(a - b) <= tolerance))
      fail(`expected probability ${a} at index ${i} (±${tolerance}, as before saving), found ${b}`);
  }
}

/** Check that saved metadata describes the training data: sizes, class names, image shape, preprocessing. */
export function checkArtifactMetadata(metadata: ModelMetadata, train: Dataset): void {
  const expected: Partial<Record<keyof ModelMetadata, unknown>> = {
    numFeatures: train.numFeatures,
    numClasses: train.numClasses,
    classNames: [...train.classNames],
    imageShape: [...train.imageShape],
    preprocessing: preprocessingToJson(train.preprocessing),
  };
  for (const [key, value] of Object.entries(expected)) {
    const found = metadata[key as keyof ModelMetadata];
    // Compare as JSON: the metadata is written to a JSON manifest and may hold frozen arrays.
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(found ?? null)), value)) {
      throw new ConformanceError(
        'model metadata',
        `expected metadata.${key} ${describeValue(value)} (from the training data), found ${describeValue(found)}`,
      );
    }
  }
}
