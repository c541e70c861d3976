import type { PreprocessingStep } from './dataset.js';
import { DatasetError } from './errors.js';
import { sharedFloat32 } from './shared-features.js';

/** The factor that maps 8-bit pixel values 0..255 onto [0, 1]. */
export const DEFAULT_SCALE_FACTOR = 1 / 255;

/** A scale step; without a factor, the one that maps 0..255 onto [0, 1]. */
export function scaleStep(factor: number = DEFAULT_SCALE_FACTOR): PreprocessingStep {
  if (!Number.isFinite(factor)) {
    throw new DatasetError(`scale: expected a finite factor, found ${factor}`);
  }
  return Object.freeze({ kind: 'scale', factor });
}

function checkStep(step: PreprocessingStep, index: number, numFeatures: number): void {
  if (step.kind === 'scale') {
    if (!Number.isFinite(step.factor)) {
      throw new DatasetError(
        `preprocessing[${index}] (scale): expected a finite factor, found ${step.factor}`,
      );
    }
    return;
  }
  if (step.kind !== 'standardize') {
    throw new DatasetError(
      `preprocessing[${index}]: expected kind 'scale' or 'standardize', found '${(step as { kind: unknown }).kind}'`,
    );
  }
  for (const field of ['mean', 'std'] as const) {
    const values: unknown = step[field];
    if (!(values instanceof Float32Array) || values.length !== numFeatures) {
      const found =
        values instanceof Float32Array
          ? `${values.length} values`
          : ((values as { constructor?: { name?: string } } | null)?.constructor?.name ??
            typeof values);
      throw new DatasetError(
        `preprocessing[${index}] (standardize): expected ${field} to be a Float32Array of ${numFeatures} values (one per feature), found ${found}`,
      );
    }
  }
}

/** Checks that steps are well-formed for numFeatures features, naming the first bad one. */
export function checkPreprocessing(steps: readonly PreprocessingStep[], numFeatures: number): void {
  for (const [index, step] of steps.entries()) checkStep(step, index, numFeatures);
}

function scaleInto(out: Float32Array, source: Uint8Array | Float32Array, factor: number): void {
  // The one hot loop of loading: a monomorphic read, multiply and store per element.
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = source[i]! * factor;
}

function standardizeInto(
  out: Float32Array,
  source: Uint8Array | Float32Array,
  numFeatures: number,
  mean: Float32Array,
  std: Float32Array,
): void {
  const inverse = new Float64Array(numFeatures);
  for (let j = 0; j < numFeatures; j++) {
    const s = std[j]!;
    inverse[j] = 1 / (s === 0 ? 1 : s);
  }
  const n = out.length;
  for (let row = 0; row < n; row += numFeatures) {
    for (let j = 0; j < numFeatures; j++) {
      out[row + j] = (source[row + j]! - mean[j]!) * inverse[j]!;
    }
  }
}

/** Applies one step from source into out (which may be the same array), element by element. */
export function applyStepInto(
  out: Float32Array,
  source: Uint8Array | Float32Array,
  numFeatures: number,
  step: PreprocessingStep,
): void {
  if (step.kind === 'scale') scaleInto(out, source, step.factor);
  else standardizeInto(out, source, numFeatures, step.mean, step.std);
}

/**
 * Derives features from raw pixel rows (numSamples × numFeatures) by applying steps in order;
 * the same function that builds a Dataset, so a saved model sees identically prepared inputs.
 */
export function applyPreprocessing(
  raw: Uint8Array | Float32Array,
  numFeatures: number,
  steps: readonly PreprocessingStep[],
): Float32Array {
  if (!Number.isInteger(numFeatures) || numFeatures <= 0) {
    throw new DatasetError(
      `applyPreprocessing: expected numFeatures to be a positive integer, found ${numFeatures}`,
    );
  }
  if (raw.length % numFeatures !== 0) {
    throw new DatasetError(
      `applyPreprocessing: expected the input length to be a multiple of numFeatures ${numFeatures}, found ${raw.length} values`,
    );
  }
  checkPreprocessing(steps, numFeatures);
  const [first, ...rest] = steps;
  const out = sharedFloat32(raw.length);
  if (first === undefined) {
    out.set(raw);
    return out;
  }
  applyStepInto(out, raw, numFeatures, first);
  for (const step of rest) applyStepInto(out, out, numFeatures, step);
  return out;
}
