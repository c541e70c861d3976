import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FASHION_MNIST_CLASS_NAMES } from '../class-names.js';
import { encodeIdx } from '../encode-idx.js';
import { DatasetError, IdxFormatError } from '../errors.js';
import {
  encodeSynthetic,
  type SyntheticData,
  syntheticData,
  tempDir,
  writeIdxDirectory,
} from '../test-support/synthetic-idx.js';
import { loadDatasetFromDirectory } from './load-dataset-from-directory.js';

describe('loadDatasetFromDirectory', () => {
  let dir: string;
  let data: SyntheticData;
  beforeEach(async () => {
    dir = await tempDir('dir');
    data = syntheticData();
  });

  function expectMatches(features: Float32Array, raw: Uint8Array, factor: number): void {
    expect(features.length).toBe(raw.length);
    for (let i = 0; i < raw.length; i++) expect(features[i]).toBe(Math.fround(raw[i]! * factor));
  }

  it.each([
    ['raw', false],
    ['gzip', true],
  ])('loads %s files with their standard names, scaled to [0, 1]', async (_, gzip) => {
    await writeIdxDirectory(dir, encodeSynthetic(data, gzip), gzip);
    const { train, test } = await loadDatasetFromDirectory(dir, { name: 'kmnist' });
    expect(train.name).toBe('kmnist');
    expect(train.split).toBe('train');
    expect(test.split).toBe('test');
    expect(train.numSamples).toBe(data.train.count);
    expect(test.numSamples).toBe(data.test.count);
    expect(train.imageShape).toEqual([data.height, data.width]);
    expect(train.numFeatures).toBe(data.height * data.width);
    expect(train.numClasses).toBe(data.numClasses);
    expect(train.classNames).toEqual(['0', '1', '2', '3']);
    expect([...train.labels]).toEqual([...data.train.labels]);
    expect([...test.labels]).toEqual([...data.test.labels]);
    expect(train.preprocessing).toEqual([{ kind: 'scale', factor: 1 / 255 }]);
    expectMatches(train.features, data.train.images, 1 / 255);
    expectMatches(test.features, data.test.images, 1 / 255);
  });

  it('accepts a mix of raw and .gz files, and keeps raw pixel values when scale is false', async () => {
    await writeIdxDirectory(
      dir,
      encodeSynthetic(data, false),
      (role) => role === 'trainLabels' || role === 'testImages',
    );
    // testImages keeps raw bytes under its .gz name (format is detected by content);
    // trainLabels gets real gzip bytes.
    await rm(join(dir, 'train-labels-idx1-ubyte.gz'));
    await writeFile(
      join(dir, 'train-labels-idx1-ubyte.gz'),
      encodeIdx([data.train.count], data.train.labels, { gzip: true }),
    );
    const { train, test } = await loadDatasetFromDirectory(dir, { name: 'x', scale: false });
    expect(train.preprocessing).toEqual([]);
    expectMatches(train.features, data.train.images, 1);
    expectMatches(test.features, data.test.images, 1);
  });

  it("uses Fashion-MNIST's class names for name 'fashion-mnist', and given names otherwise", async () => {
    const ten = syntheticData({ numClasses: 10, numTrain: 20, numTest: 10 });
    await writeIdxDirectory(dir, encodeSynthetic(ten));
    const fashion = await loadDatasetFromDirectory(dir, { name: 'fashion-mnist' });
    expect(fashion.train.classNames).toEqual(FASHION_MNIST_CLASS_NAMES);
    expect(fashion.test.classNames[9]).toBe('Ankle boot');
    const names = Array.from({ length: 12 }, (_, i) => `c${i}`);
    const custom = await loadDatasetFromDirectory(dir, { name: 'mine', classNames: names });
    expect(custom.train.numClasses).toBe(12);
    expect(custom.test.classNames).toEqual(names);
  });

  it('names the missing file and every standard name it looked for', async () => {
    const paths = await writeIdxDirectory(dir, encodeSynthetic(data));
    await rm(paths.testLabels);
    const error = await loadDatasetFromDirectory(dir, { name: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    const message = (error as Error).message;
    expect(message).toContain(`missing testLabels file in ${dir}`);
    expect(message).toContain('looked for t10k-labels-idx1-ubyte and t10k-labels-idx1-ubyte.gz');
    expect(message).toContain('train-images-idx3-ubyte.gz');
  });

  it('names a data directory that does not exist', async () => {
    const missing = join(dir, 'absent');
    await expect(loadDatasetFromDirectory(missing, { name: 'x' })).rejects.toThrow(
      `data directory ${missing} does not exist`,
    );
  });

  it('rejects an image count that differs from the label count, naming both files', async () => {
    const files = encodeSynthetic(data);
    files.trainLabels = encodeIdx([data.train.count - 1], data.train.labels.subarray(1));
    const paths = await writeIdxDirectory(dir, files);
    const error = await loadDatasetFromDirectory(dir, { name: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).message).toBe(
      `image count ${data.train.count} in ${paths.trainImages} does not match label count ${data.train.count - 1} in ${paths.trainLabels}; expected one label per image`,
    );
  });

  it('rejects a label outside [0, numClasses), naming the file, index and value', async () => {
    const files = encodeSynthetic(data);
    const labels = data.test.labels.slice();
    labels[5] = 7;
    files.testLabels = encodeIdx([labels.length], labels);
    const paths = await writeIdxDirectory(dir, files);
    const error = await loadDatasetFromDirectory(dir, {
      name: 'x',
      classNames: ['a', 'b', 'c', 'd'],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).file).toBe(paths.testLabels);
    expect((error as Error).message).toContain(
      `${paths.testLabels}: label 7 at index 5 is outside [0, 4)`,
    );
  });

  it('rejects an empty dataset', async () => {
    const files = encodeSynthetic(data);
    files.testImages = encodeIdx([0, data.height, data.width], new Uint8Array(0));
    files.testLabels = encodeIdx([0], new Uint8Array(0));
    const paths = await writeIdxDirectory(dir, files);
    await expect(loadDatasetFromDirectory(dir, { name: 'x' })).rejects.toThrow(
      `${paths.testImages}: expected at least one image, found 0`,
    );
  });

  it('rejects images that are not u8 pixels, and labels that are not rank 1', async () => {
    const files = encodeSynthetic(data);
    files.trainImages = encodeIdx(
      [data.train.count, data.height, data.width],
      new Float32Array(data.train.images),
    );
    const paths = await writeIdxDirectory(dir, files);
    await expect(loadDatasetFromDirectory(dir, { name: 'x' })).rejects.toThrow(
      `${paths.trainImages}: expected image pixels of type u8 (0x08), found f32 (0x0D)`,
    );
    const again = encodeSynthetic(data);
    again.trainLabels = encodeIdx([data.train.count, 1], data.train.labels);
    await writeIdxDirectory(dir, again);
    await expect(loadDatasetFromDirectory(dir, { name: 'x' })).rejects.toThrow(
      `expected labels of rank 1, found dims [${data.train.count}, 1]`,
    );
  });

  it('passes IDX format errors through with the file that has them', async () => {
    const files = encodeSynthetic(data);
    files.testImages = files.testImages.subarray(0, files.testImages.length - 3);
    const paths = await writeIdxDirectory(dir, files);
    const error = await loadDatasetFromDirectory(dir, { name: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdxFormatError);
    expect((error as IdxFormatError).file).toBe(paths.testImages);
    expect((error as Error).message).toContain('truncated by 3 bytes');
  });
});
