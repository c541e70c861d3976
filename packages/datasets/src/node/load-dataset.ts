import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DatasetSplits } from '../dataset.js';
import { DatasetError } from '../errors.js';
import { IDX_FILE_NAMES } from '../idx-file-names.js';
import { KNOWN_DATASETS, type KnownDatasetName } from '../known-datasets.js';
import type { FetchLike, ProgressCallback } from './download-file.js';
import { loadDatasetFromDirectory } from './load-dataset-from-directory.js';
import { loadDatasetFromUrl } from './load-dataset-from-url.js';
import { loadMnist } from './load-mnist.js';

/** Where Fashion-MNIST is published, for the error that explains how to get it. */
export const FASHION_MNIST_URL = 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/';

/** Options for loadDataset. */
export interface LoadDatasetOptions {
  readonly dataset: KnownDatasetName;
  /** A local directory with the four standard IDX files, raw or .gz. */
  readonly dataDir?: string;
  /** A base URL serving the four standard .gz files. */
  readonly url?: string;
  /** Where downloads from url are cached; defaults to defaultCacheDir(dataset). */
  readonly cacheDir?: string;
  /** Scale pixels to [0, 1]; default true. */
  readonly scale?: boolean;
  readonly onProgress?: ProgressCallback;
  readonly fetchImpl?: FetchLike;
  readonly signal?: AbortSignal;
}

/** The cache directory used for a dataset when none is given: $XDG_CACHE_HOME or ~/.cache, then digitlab/<dataset>. */
export function defaultCacheDir(dataset: string): string {
  const root = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(root, 'digitlab', dataset);
}

/** Loads a known dataset: from dataDir, else from url (cached), else MNIST's bundled copy. */
export function loadDataset(options: LoadDatasetOptions): Promise<DatasetSplits> {
  const { dataset, dataDir, url, scale } = options;
  if (!(KNOWN_DATASETS as readonly string[]).includes(dataset)) {
    return Promise.reject(
      new DatasetError(
        `unknown dataset '${dataset}': expected one of ${KNOWN_DATASETS.join(', ')} ` +
          '(other MNIST-format datasets load with loadDatasetFromDirectory or loadDatasetFromUrl)',
      ),
    );
  }
  if (dataDir !== undefined && url !== undefined) {
    return Promise.reject(
      new DatasetError(
        `expected either a data directory or a URL for ${dataset}, found both (${dataDir} and ${url})`,
      ),
    );
  }
  if (dataDir !== undefined)
    return loadDatasetFromDirectory(dataDir, { name: dataset, scale: scale ?? true });
  if (url !== undefined) {
    return loadDatasetFromUrl(url, {
      name: dataset,
      cacheDir: options.cacheDir ?? defaultCacheDir(dataset),
      scale: scale ?? true,
      ...(options.onProgress && { onProgress: options.onProgress }),
      ...(options.fetchImpl && { fetchImpl: options.fetchImpl }),
      ...(options.signal && { signal: options.signal }),
    });
  }
  if (dataset === 'mnist') return loadMnist({ scale: scale ?? true });
  return Promise.reject(
    new DatasetError(
      `${dataset} is not bundled with @digitlab/datasets (only MNIST is): download its four files ` +
        `(${Object.values(IDX_FILE_NAMES)
          .map((name) => `${name}.gz`)
          .join(', ')}) into a directory and pass --data-dir DIR, ` +
        `or pass --url ${FASHION_MNIST_URL} to download and cache them`,
    ),
  );
}
