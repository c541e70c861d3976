import { knownClassNames } from './class-names.js';
import type { Dataset, DatasetSplits, PreprocessingStep } from './dataset.js';
import { datasetFromArrays, numericClassNames } from './dataset-from-arrays.js';
import { DatasetError } from './errors.js';
import { IDX_FILE_ROLES, type IdxFileRole } from './idx-file-names.js';
import { formatTypeCode, IDX_TYPE_CODES, type IdxData } from './idx-types.js';
import { applyPreprocessing, scaleStep } from './preprocessing.js';

/** A decoded IDX file and the path it came from. */
export interface LoadedIdx {
  readonly file: string;
  readonly idx: IdxData;
}

/** What splitsFromIdx needs besides the four decoded files. */
export interface SplitsMeta {
  readonly name: string;
  /** Defaults to numeric names for the largest label + 1 classes. */
  readonly classNames?: readonly string[] | undefined;
  /** Scale pixels to [0, 1]; default true. */
  readonly scale?: boolean | undefined;
}

function checkImages({ file, idx }: LoadedIdx): Uint8Array {
  if (idx.type !== 'u8') {
    throw new DatasetError(
      `${file}: expected image pixels of type u8 (${formatTypeCode(IDX_TYPE_CODES.u8)}), found ${idx.type} (${formatTypeCode(IDX_TYPE_CODES[idx.type])})`,
      file,
    );
  }
  if (idx.dims.length < 2) {
    throw new DatasetError(
      `${file}: expected images of rank 2 or more (count × height × width), found dims [${idx.dims.join(', ')}]`,
      file,
    );
  }
  if (idx.dims[0] === 0) {
    throw new DatasetError(`${file}: expected at least one image, found 0`, file);
  }
  if (idx.dims.slice(1).some((d) => d === 0)) {
    throw new DatasetError(
      `${file}: expected non-empty images, found dims [${idx.dims.join(', ')}]`,
      file,
    );
  }
  return idx.data;
}

function checkLabels({ file, idx }: LoadedIdx): Uint8Array {
  if (idx.dims.length !== 1) {
    throw new DatasetError(
      `${file}: expected labels of rank 1, found dims [${idx.dims.join(', ')}]`,
      file,
    );
  }
  if (idx.type === 'f32' || idx.type === 'f64') {
    throw new DatasetError(
      `${file}: expected integer labels, found element type ${idx.type} (${formatTypeCode(IDX_TYPE_CODES[idx.type])})`,
      file,
    );
  }
  const data = idx.data;
  for (let i = 0; i < data.length; i++) {
    const label = data[i]!;
    if (label < 0 || label > 255) {
      throw new DatasetError(
        `${file}: expected labels in [0, 255], found ${label} at index ${i}`,
        file,
      );
    }
  }
  // A copy, so the dataset does not keep a view into a larger (possibly pooled) file buffer.
  return data instanceof Uint8Array ? data.slice() : Uint8Array.from(data);
}

function checkRange(labels: Uint8Array, numClasses: number, file: string, name: string): void {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! >= numClasses) {
      throw new DatasetError(
        `${file}: label ${labels[i]} at index ${i} is outside [0, ${numClasses}) for the ${numClasses} classes of ${name}`,
        file,
      );
    }
  }
}

function maxOf(labels: Uint8Array): number {
  let max = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]! > max) max = labels[i]!;
  return max;
}

/** Turns the four decoded files of an MNIST-family dataset into validated train and test splits. */
export function splitsFromIdx(
  files: Readonly<Record<IdxFileRole, LoadedIdx>>,
  meta: SplitsMeta,
): DatasetSplits {
  const trainPixels = checkImages(files.trainImages);
  const testPixels = checkImages(files.testImages);
  const trainLabels = checkLabels(files.trainLabels);
  const testLabels = checkLabels(files.testLabels);
  const pairs = [
    ['train', files.trainImages, files.trainLabels, trainLabels],
    ['test', files.testImages, files.testLabels, testLabels],
  ] as const;
  for (const [, images, labelsFile, labels] of pairs) {
    if (images.idx.dims[0] !== labels.length) {
      throw new DatasetError(
        `image count ${images.idx.dims[0]} in ${images.file} does not match label count ${labels.length} in ${labelsFile.file}; expected one label per image`,
        labelsFile.file,
      );
    }
  }
  const trainShape = files.trainImages.idx.dims.slice(1);
  const testShape = files.testImages.idx.dims.slice(1);
  if (trainShape.join('×') !== testShape.join('×')) {
    throw new DatasetError(
      `image shape ${testShape.join('×')} in ${files.testImages.file} does not match ${trainShape.join('×')} in ${files.trainImages.file}`,
      files.testImages.file,
    );
  }
  const numClasses = meta.classNames?.length ?? Math.max(maxOf(trainLabels), maxOf(testLabels)) + 1;
  const classNames = meta.classNames ?? numericClassNames(numClasses);
  checkRange(trainLabels, numClasses, files.trainLabels.file, meta.name);
  checkRange(testLabels, numClasses, files.testLabels.file, meta.name);
  const steps: PreprocessingStep[] = meta.scale === false ? [] : [scaleStep()];
  const numFeatures = trainShape.reduce((a, b) => a * b, 1);
  const build = (split: string, pixels: Uint8Array, labels: Uint8Array): Dataset =>
    datasetFromArrays({
      name: meta.name,
      split,
      features: applyPreprocessing(pixels, numFeatures, steps),
      labels,
      imageShape: trainShape,
      classNames,
      preprocessing: steps,
    });
  return Object.freeze({
    train: build('train', trainPixels, trainLabels),
    test: build('test', testPixels, testLabels),
  });
}

/**
 * The splits of a dataset loaded as four files in IDX_FILE_ROLES order, its class names defaulting
 * to the ones known for its name.
 */
export function splitsFromLoadedFiles(
  loaded: readonly LoadedIdx[],
  meta: SplitsMeta,
): DatasetSplits {
  const files = Object.fromEntries(IDX_FILE_ROLES.map((role, i) => [role, loaded[i]!])) as Record<
    IdxFileRole,
    LoadedIdx
  >;
  return splitsFromIdx(files, {
    name: meta.name,
    classNames: meta.classNames ?? knownClassNames(meta.name),
    scale: meta.scale,
  });
}
