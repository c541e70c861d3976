import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { classCounts } from '../class-indices.js';
import type { DatasetSplits } from '../dataset.js';
import { applyPreprocessing } from '../preprocessing.js';
import { summarizeDataset } from '../summarize-dataset.js';
import { loadDataset } from './load-dataset.js';
import { bundledMnistDirectory, loadMnist } from './load-mnist.js';
import { readIdx } from './read-idx.js';

const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

describe('the bundled MNIST', () => {
  let mnist: DatasetSplits;
  beforeAll(async () => {
    mnist = await loadMnist();
  });

  it('has 60,000 train and 10,000 test images of 28×28 with ten digit classes', () => {
    const { train, test } = mnist;
    expect(train.numSamples).toBe(60_000);
    expect(test.numSamples).toBe(10_000);
    for (const ds of [train, test]) {
      expect(ds.name).toBe('mnist');
      expect(ds.imageShape).toEqual([28, 28]);
      expect(ds.numFeatures).toBe(784);
      expect(ds.features).toBeInstanceOf(Float32Array);
      expect(ds.features.length).toBe(ds.numSamples * 784);
      expect(ds.labels.length).toBe(ds.numSamples);
      expect(ds.numClasses).toBe(10);
      expect(ds.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    }
  });

  it('has the canonical label counts', () => {
    expect(classCounts(mnist.train)).toEqual(TRAIN_COUNTS);
    expect(classCounts(mnist.test)).toEqual(TEST_COUNTS);
  });

  it('has pixel values in [0, 1] that use the whole range', () => {
    for (const ds of [mnist.train, mnist.test]) {
      const { featureMin, featureMax } = summarizeDataset(ds);
      expect(featureMin).toBe(0);
      expect(featureMax).toBe(1);
    }
  });

  it('records the scaling, so applyPreprocessing on raw pixels reproduces the features', async () => {
    const raw = await readIdx(join(bundledMnistDirectory(), 't10k-images-idx3-ubyte'));
    expect(raw.type).toBe('u8');
    expect(mnist.test.preprocessing).toEqual([{ kind: 'scale', factor: 1 / 255 }]);
    const firstTen = raw.data.subarray(0, 10 * 784) as Uint8Array;
    const again = applyPreprocessing(firstTen, 784, mnist.test.preprocessing);
    expect(again).toEqual(mnist.test.features.subarray(0, 10 * 784));
  });

  it('is what loadDataset gives for mnist without a directory or URL, unscaled on request', async () => {
    const { test } = await loadDataset({ dataset: 'mnist', scale: false });
    expect(test.preprocessing).toEqual([]);
    expect(test.numSamples).toBe(10_000);
    const row = 0;
    for (let j = 0; j < 784; j++) {
      const value = test.features[row * 784 + j]!;
      expect(Number.isInteger(value)).toBe(true);
      expect(Math.fround(value / 255)).toBe(mnist.test.features[row * 784 + j]);
    }
    expect([...test.labels]).toEqual([...mnist.test.labels]);
  });
});
