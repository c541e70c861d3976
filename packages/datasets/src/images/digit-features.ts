import type { PreprocessingStep } from '../dataset.js';
import { DatasetError } from '../errors.js';
import { applyPreprocessing } from '../preprocessing.js';

/**
 * The features a model takes for normalized digits: their pixels stacked as rows of raw 8-bit
 * values, as an IDX file holds them, then the model's saved preprocessing applied (the same
 * function the IDX path uses).
 */
export function digitFeatures(
  digits: readonly { readonly pixels: Uint8Array }[],
  numFeatures: number,
  preprocessing: readonly PreprocessingStep[],
): Float32Array {
  const raw = new Uint8Array(digits.length * numFeatures);
  digits.forEach(({ pixels }, i) => {
    if (pixels.length !== numFeatures) {
      throw new DatasetError(
        `digitFeatures: expected ${numFeatures} pixels per digit (the model's image shape), found ${pixels.length} in digit ${i}`,
      );
    }
    raw.set(pixels, i * numFeatures);
  });
  return applyPreprocessing(raw, numFeatures, preprocessing);
}
