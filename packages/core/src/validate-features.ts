import { ClassifierInputError } from './errors.js';

/**
 * Check row-major features before they reach a model: the length must be a whole number of rows of
 * `numFeatures`, and every value finite. Returns the number of rows.
 */
export function validateFeatures(
  features: Float32Array,
  numFeatures: number,
  where = 'features',
): number {
  if (!(features instanceof Float32Array)) {
    throw new ClassifierInputError(
      `${where}: expected a Float32Array, found ${Object.prototype.toString.call(features)}`,
    );
  }
  if (features.length % numFeatures !== 0) {
    throw new ClassifierInputError(
      `${where}: expected a multiple of ${numFeatures} values (rows of ${numFeatures} features), found ${features.length}`,
    );
  }
  for (let i = 0; i < features.length; i++) {
    const v = features[i] as number;
    if (!Number.isFinite(v)) {
      const row = Math.floor(i / numFeatures);
      throw new ClassifierInputError(
        `${where}: expected finite values, found ${v} at row ${row}, column ${i - row * numFeatures}`,
      );
    }
  }
  return features.length / numFeatures;
}
