import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FASHION_MNIST_CLASS_NAMES } from '../class-names.js';
import { DatasetError } from '../errors.js';
import {
  encodeSynthetic,
  syntheticData,
  tempDir,
  writeIdxDirectory,
} from '../test-support/synthetic-idx.js';
import { defaultCacheDir, loadDataset } from './load-dataset.js';

describe('loadDataset', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('front');
  });

  it('explains that fashion-mnist is not bundled and how to provide it', async () => {
    const error = await loadDataset({ dataset: 'fashion-mnist' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    const message = (error as Error).message;
    expect(message).toContain('fashion-mnist is not bundled');
    expect(message).toContain('--data-dir');
    expect(message).toContain('--url');
    expect(message).toContain('train-images-idx3-ubyte.gz');
  });

  it('loads fashion-mnist from a data directory with its class names', async () => {
    const data = syntheticData({ numClasses: 10, numTrain: 30, numTest: 10 });
    await writeIdxDirectory(dir, encodeSynthetic(data, true), true);
    const { train, test } = await loadDataset({ dataset: 'fashion-mnist', dataDir: dir });
    expect(train.name).toBe('fashion-mnist');
    expect(train.classNames).toEqual(FASHION_MNIST_CLASS_NAMES);
    expect(test.numSamples).toBe(10);
    expect(train.preprocessing).toEqual([{ kind: 'scale', factor: 1 / 255 }]);
  });

  it('rejects an unknown dataset name, listing the known ones', async () => {
    await expect(loadDataset({ dataset: 'cifar' as unknown as 'mnist' })).rejects.toThrow(
      "unknown dataset 'cifar': expected one of mnist, fashion-mnist",
    );
  });

  it('rejects being given both a directory and a URL', async () => {
    await expect(
      loadDataset({ dataset: 'mnist', dataDir: dir, url: 'http://127.0.0.1:9/' }),
    ).rejects.toThrow('expected either a data directory or a URL for mnist, found both');
  });

  it('puts the default cache under XDG_CACHE_HOME when set', () => {
    const saved = process.env.XDG_CACHE_HOME;
    try {
      process.env.XDG_CACHE_HOME = dir;
      expect(defaultCacheDir('fashion-mnist')).toBe(join(dir, 'digitlab', 'fashion-mnist'));
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });
});
