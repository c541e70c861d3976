/** The four files of an MNIST-family dataset, by role. */
export type IdxFileRole = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';

/** The standard (uncompressed) file names of MNIST, Fashion-MNIST and KMNIST; '.gz' is added when compressed. */
export const IDX_FILE_NAMES: Readonly<Record<IdxFileRole, string>> = Object.freeze({
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
});

/** The roles in a fixed order, for loops. */
export const IDX_FILE_ROLES: readonly IdxFileRole[] = Object.freeze([
  'trainImages',
  'trainLabels',
  'testImages',
  'testLabels',
]);
