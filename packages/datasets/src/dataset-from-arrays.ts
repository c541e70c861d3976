import type { Dataset, PreprocessingStep } from './dataset.js';
import { DatasetError } from './errors.js';
import { checkPreprocessing } from './preprocessing.js';

/** What datasetFromArrays needs; numClasses and classNames may each be inferred from the other. */
export interface DatasetArrays {
  readonly name: string;
  readonly split: string;
  /** numSamples × product(imageShape), row-major. */
  readonly features: Float32Array;
  readonly labels: Uint8Array;
  readonly imageShape: readonly number[];
  /** Defaults to '0'..String(numClasses - 1). */
  readonly classNames?: readonly string[];
  /** Defaults to classNames.length, or else the largest label + 1. */
  readonly numClasses?: number;
  /** Defaults to none: the features are the raw values. */
  readonly preprocessing?: readonly PreprocessingStep[];
}

/** Numeric class names '0'..'n-1', as MNIST uses. */
export function numericClassNames(numClasses: number): string[] {
  return Array.from({ length: numClasses }, (_, index) => String(index));
}

function fail(arrays: Pick<DatasetArrays, 'name' | 'split'>, problem: string): never {
  throw new DatasetError(`dataset ${arrays.name}/${arrays.split}: ${problem}`);
}

function maxLabel(labels: Uint8Array): number {
  let max = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]! > max) max = labels[i]!;
  return max;
}

function resolveClasses(arrays: DatasetArrays): { numClasses: number; classNames: string[] } {
  const { classNames, numClasses } = arrays;
  if (classNames !== undefined) {
    if (numClasses !== undefined && numClasses !== classNames.length) {
      fail(
        arrays,
        `numClasses ${numClasses} disagrees with the ${classNames.length} classNames given`,
      );
    }
    return { numClasses: classNames.length, classNames: [...classNames] };
  }
  const resolved = numClasses ?? maxLabel(arrays.labels) + 1;
  return { numClasses: resolved, classNames: numericClassNames(resolved) };
}

/** Builds a Dataset from typed arrays after checking shapes, label range and preprocessing. */
export function datasetFromArrays(arrays: DatasetArrays): Dataset {
  const { name, split, features, labels, imageShape } = arrays;
  if (typeof name !== 'string' || name === '') fail(arrays, 'expected a non-empty name');
  if (typeof split !== 'string' || split === '') fail(arrays, 'expected a non-empty split');
  if (!(features instanceof Float32Array)) {
    fail(arrays, `expected features to be a Float32Array, found ${describe(features)}`);
  }
  if (!(labels instanceof Uint8Array)) {
    fail(arrays, `expected labels to be a Uint8Array, found ${describe(labels)}`);
  }
  if (imageShape.length === 0 || !imageShape.every((d) => Number.isInteger(d) && d > 0)) {
    fail(arrays, `expected imageShape to be positive integers, found [${imageShape.join(', ')}]`);
  }
  const numFeatures = imageShape.reduce((a, b) => a * b, 1);
  const numSamples = labels.length;
  if (numSamples === 0) fail(arrays, 'expected at least one sample, found an empty dataset');
  if (features.length !== numSamples * numFeatures) {
    fail(
      arrays,
      `expected ${numSamples} labels × ${numFeatures} features = ${numSamples * numFeatures} feature values, found ${features.length}`,
    );
  }
  const { numClasses, classNames } = resolveClasses(arrays);
  if (!Number.isInteger(numClasses) || numClasses < 1 || numClasses > 256) {
    fail(arrays, `expected numClasses to be an integer in [1, 256], found ${numClasses}`);
  }
  for (let i = 0; i < numSamples; i++) {
    if (labels[i]! >= numClasses) {
      fail(arrays, `label ${labels[i]} at index ${i} is outside [0, ${numClasses})`);
    }
  }
  const preprocessing = arrays.preprocessing ?? [];
  checkPreprocessing(preprocessing, numFeatures);
  return Object.freeze({
    name,
    split,
    features,
    labels,
    numSamples,
    numFeatures,
    imageShape: Object.freeze([...imageShape]),
    numClasses,
    classNames: Object.freeze(classNames),
    preprocessing: Object.freeze([...preprocessing]),
  });
}

function describe(value: unknown): string {
  return (value as { constructor?: { name?: string } } | null)?.constructor?.name ?? typeof value;
}
