// Everything of the main entry too, so Node code needs one import; what is below reads files,
// downloads or finds the bundled MNIST, and so exists only here.
export * from '../index.js';
export type { DownloadFileOptions, FetchLike, ProgressCallback } from './download-file.js';
export { downloadFile } from './download-file.js';
export type { LoadDatasetOptions } from './load-dataset.js';
export { defaultCacheDir, loadDataset } from './load-dataset.js';
export type { DirectoryLoadOptions } from './load-dataset-from-directory.js';
export { loadDatasetFromDirectory } from './load-dataset-from-directory.js';
export type { UrlLoadOptions } from './load-dataset-from-url.js';
export { loadDatasetFromUrl } from './load-dataset-from-url.js';
export type { LoadMnistOptions } from './load-mnist.js';
export { bundledMnistDirectory, loadMnist } from './load-mnist.js';
export { readIdx } from './read-idx.js';
export { runPythonPeer } from './run-python-peer.js';
