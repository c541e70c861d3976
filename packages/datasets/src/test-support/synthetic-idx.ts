import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { encodeIdx } from '../encode-idx.js';
import { IDX_FILE_NAMES, IDX_FILE_ROLES, type IdxFileRole } from '../idx-file-names.js';

/** Raw pixels and labels of one synthetic split. */
export interface SyntheticSplit {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

/** A small MNIST-shaped dataset whose pixels encode their row, so tests can tell rows apart. */
export interface SyntheticData {
  readonly height: number;
  readonly width: number;
  readonly numClasses: number;
  readonly train: SyntheticSplit;
  readonly test: SyntheticSplit;
}

export interface SyntheticOptions {
  readonly numTrain?: number;
  readonly numTest?: number;
  readonly numClasses?: number;
  readonly height?: number;
  readonly width?: number;
}

function split(count: number, pixels: number, numClasses: number, offset: number): SyntheticSplit {
  const images = new Uint8Array(count * pixels);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = (i * 7 + offset) % numClasses;
    for (let p = 0; p < pixels; p++) images[i * pixels + p] = (i * 31 + p * 7 + offset) % 256;
  }
  return { images, labels, count };
}

/** Deterministic synthetic data: pixel (i, p) = (31i + 7p + offset) mod 256, label = (7i + offset) mod classes. */
export function syntheticData(options: SyntheticOptions = {}): SyntheticData {
  const { numTrain = 40, numTest = 12, numClasses = 4, height = 4, width = 3 } = options;
  return {
    height,
    width,
    numClasses,
    train: split(numTrain, height * width, numClasses, 0),
    test: split(numTest, height * width, numClasses, 1),
  };
}

/** The four IDX files of synthetic data, encoded (optionally gzip-compressed). */
export function encodeSynthetic(
  data: SyntheticData,
  gzip = false,
): Record<IdxFileRole, Uint8Array> {
  const { height, width } = data;
  return {
    trainImages: encodeIdx([data.train.count, height, width], data.train.images, { gzip }),
    trainLabels: encodeIdx([data.train.count], data.train.labels, { gzip }),
    testImages: encodeIdx([data.test.count, height, width], data.test.images, { gzip }),
    testLabels: encodeIdx([data.test.count], data.test.labels, { gzip }),
  };
}

/** Writes files under their standard names ('.gz' added when gzip) and returns their paths. */
export async function writeIdxDirectory(
  dir: string,
  files: Record<IdxFileRole, Uint8Array>,
  gzipNames: boolean | ((role: IdxFileRole) => boolean) = false,
): Promise<Record<IdxFileRole, string>> {
  const paths = {} as Record<IdxFileRole, string>;
  for (const role of IDX_FILE_ROLES) {
    const gz = typeof gzipNames === 'function' ? gzipNames(role) : gzipNames;
    const path = join(dir, `${IDX_FILE_NAMES[role]}${gz ? '.gz' : ''}`);
    await writeFile(path, files[role]);
    paths[role] = path;
  }
  return paths;
}

/** A fresh temp directory, removed with its contents when the current test ends. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `digitlab-datasets-${prefix}-`));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
