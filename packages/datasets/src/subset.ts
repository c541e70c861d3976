import type { Dataset } from './dataset.js';
import { datasetFromArrays } from './dataset-from-arrays.js';
import { DatasetError } from './errors.js';
import { sharedFloat32 } from './shared-features.js';

/** Options for subset. */
export interface SubsetOptions {
  /** The new dataset's split name; defaults to the source's. */
  readonly split?: string;
}

/** A new dataset holding copies of the given rows, in the given order (repeats allowed). */
export function subset(
  ds: Dataset,
  indices: ArrayLike<number>,
  options: SubsetOptions = {},
): Dataset {
  const { numFeatures, numSamples } = ds;
  const count = indices.length;
  const features = sharedFloat32(count * numFeatures);
  const labels = new Uint8Array(count);
  for (let k = 0; k < count; k++) {
    const row = indices[k]!;
    if (!Number.isInteger(row) || row < 0 || row >= numSamples) {
      throw new DatasetError(
        `subset of ${ds.name}/${ds.split}: expected indices in [0, ${numSamples}), found ${row} at position ${k}`,
      );
    }
    features.set(ds.features.subarray(row * numFeatures, (row + 1) * numFeatures), k * numFeatures);
    labels[k] = ds.labels[row]!;
  }
  return datasetFromArrays({
    name: ds.name,
    split: options.split ?? ds.split,
    features,
    labels,
    imageShape: ds.imageShape,
    classNames: ds.classNames,
    preprocessing: ds.preprocessing,
  });
}
