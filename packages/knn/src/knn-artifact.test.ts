import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ArtifactError,
  createRegistry,
  fitToEnd,
  loadModel,
  MANIFEST_FILE,
  type ModelArtifact,
  PluginOptionsError,
  readModelArtifact,
  saveModel,
} from '@digitlab/core/node';
import { scale } from '@digitlab/datasets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNN_FILES } from './knn-artifact.js';
import { DEFAULT_OPTIONS } from './options.js';
import { knn } from './plugin.js';
import { randomDataset } from './test-support/datasets.js';

const plugin = knn();
const train = scale(randomDataset(30, 4, 3, 9), 0.5);
const queries = randomDataset(12, 4, 3, 10).features;
let artifact: ModelArtifact;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'digitlab-knn-'));
  const classifier = plugin.create(plugin.options.parse({ k: 3, weights: 'distance' }));
  await fitToEnd(classifier.fit(train));
  artifact = await classifier.save();
  classifier.dispose();
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const withFile = (name: string, bytes: Uint8Array | undefined): ModelArtifact => {
  const files: Record<string, Uint8Array> = { ...artifact.files };
  if (bytes === undefined) delete files[name];
  else files[name] = bytes;
  return { ...artifact, files };
};
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const config = () =>
  JSON.parse(new TextDecoder().decode(artifact.files[KNN_FILES.config])) as Record<string, unknown>;

describe('the saved files', () => {
  it('hold k, weights and shapes, the raw features and the labels, plus the data metadata', () => {
    expect(config()).toMatchObject({
      format: 'digitlab-knn',
      version: 1,
      k: 3,
      weights: 'distance',
      numSamples: 30,
      numFeatures: 4,
      numClasses: 3,
      features: { file: 'train-features.bin', dtype: 'float32', shape: [30, 4] },
    });
    const bytes = artifact.files[KNN_FILES.features] as Uint8Array;
    expect(Array.from(new Float32Array(bytes.slice().buffer))).toEqual(Array.from(train.features));
    expect(Array.from(artifact.files[KNN_FILES.labels] ?? [])).toEqual(Array.from(train.labels));
    expect(artifact.metadata).toMatchObject({
      numFeatures: 4,
      numClasses: 3,
      classNames: ['0', '1', '2'],
      imageShape: [4],
      preprocessing: [{ kind: 'scale', factor: 0.5 }],
      dataset: 'random',
      training: { k: 3, weights: 'distance', numSamples: 30, split: 'train' },
    });
  });

  it('load through the registry into the same model, and k can be overridden at load', async () => {
    const dir = join(root, 'model');
    await saveModel(dir, artifact);
    const loaded = await loadModel(dir, createRegistry([plugin]));
    expect(loaded.options).toEqual({ ...DEFAULT_OPTIONS, k: 3, weights: 'distance' });
    const original = plugin.create(plugin.options.parse({ k: 3, weights: 'distance' }));
    await fitToEnd(original.fit(train));
    expect(Array.from(await loaded.predictProba(queries))).toEqual(
      Array.from(await original.predictProba(queries)),
    );
    const k1 = await plugin.load(await readModelArtifact(dir), { k: 1 });
    const { indices } = await k1.kneighbors(train.features);
    expect(Array.from(indices)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    for (const c of [loaded, original, k1]) c.dispose();
  });
});

describe('k and weights of a loaded model', () => {
  it('come from a model saved before the fit driver, whose metadata has no training options', async () => {
    const { k, weights, numSamples, split } = artifact.metadata.training ?? {};
    const { metrics: _, ...metadata } = artifact.metadata;
    const old = {
      ...artifact,
      metadata: { ...metadata, training: { k, weights, numSamples, split } },
    };
    const loaded = await plugin.load(old);
    expect(loaded.options).toEqual({ ...DEFAULT_OPTIONS, k: 3, weights: 'distance' });
    const current = await plugin.load(artifact);
    expect(Array.from(await loaded.predictProba(queries))).toEqual(
      Array.from(await current.predictProba(queries)),
    );
    for (const c of [loaded, current]) c.dispose();
  });

  it('come from knn.json, so a k given at load survives saving again', async () => {
    const k1 = await plugin.load(artifact, { k: 1, weights: 'uniform' });
    const resaved = await k1.save();
    k1.dispose();
    const again = await plugin.load(resaved);
    expect(again.options).toMatchObject({ k: 1, weights: 'uniform' });
    again.dispose();
  });
});

describe('corrupt or mismatched files', () => {
  it.each([
    [
      'knn.json missing',
      () => withFile(KNN_FILES.config, undefined),
      /^knn\.json: expected the knn settings file.*found it missing/,
    ],
    [
      'knn.json not JSON',
      () => withFile(KNN_FILES.config, new TextEncoder().encode('{ k: 3')),
      /^knn\.json: expected valid JSON, found a parse error/,
    ],
    [
      'another format',
      () => withFile(KNN_FILES.config, json({ ...config(), format: 'other' })),
      /expected "format": "digitlab-knn", found "other"/,
    ],
    [
      'a newer version',
      () => withFile(KNN_FILES.config, json({ ...config(), version: 2 })),
      /expected "version": 1, found 2/,
    ],
    [
      'k of zero',
      () => withFile(KNN_FILES.config, json({ ...config(), k: 0 })),
      /expected "k" to be a positive integer, found 0/,
    ],
    [
      'unknown weights',
      () => withFile(KNN_FILES.config, json({ ...config(), weights: 'gaussian' })),
      /expected "weights" to be one of "uniform", "distance", found "gaussian"/,
    ],
    [
      'k above the sample count',
      () => withFile(KNN_FILES.config, json({ ...config(), k: 31 })),
      /^knn\.json: expected k ≤ numSamples \(30\), found k = 31/,
    ],
    [
      'features disagreeing with the metadata',
      () => withFile(KNN_FILES.config, json({ ...config(), numFeatures: 5 })),
      /^knn\.json: expected numFeatures 4 \(as the model's metadata\), found 5/,
    ],
    [
      'truncated features',
      () => withFile(KNN_FILES.features, artifact.files[KNN_FILES.features]?.slice(0, 100)),
      /^train-features\.bin: expected 30 × 4 float32 values = 480 bytes \(per knn\.json\), found 100 bytes/,
    ],
    [
      'NaN features',
      () =>
        withFile(KNN_FILES.features, new Uint8Array(new Float32Array(120).fill(Number.NaN).buffer)),
      /^train-features\.bin: expected finite values, found NaN at row 0, column 0/,
    ],
    [
      'missing labels',
      () => withFile(KNN_FILES.labels, undefined),
      /^train-labels\.bin: expected the training labels \(30 bytes\), found the file missing/,
    ],
    [
      'too few labels',
      () => withFile(KNN_FILES.labels, new Uint8Array(29)),
      /^train-labels\.bin: expected 30 labels of one byte \(per knn\.json\), found 29 bytes/,
    ],
    [
      'a label out of range',
      () => withFile(KNN_FILES.labels, new Uint8Array(30).fill(7, 4)),
      /^train-labels\.bin: expected labels in \[0, 3\), found 7 at row 4/,
    ],
  ])('%s → ArtifactError naming the file', async (_name, make, message) => {
    const error = await plugin.load(make()).catch((e) => e);
    expect(error).toBeInstanceOf(ArtifactError);
    expect(error.message).toMatch(message);
  });

  it('refuses a model saved by another plugin, and k overrides beyond the saved samples', async () => {
    await expect(plugin.load({ ...artifact, plugin: 'softmax-regression' })).rejects.toThrow(
      /expected a model saved by the 'knn' plugin, found one saved by 'softmax-regression'/,
    );
    const error = await plugin.load(artifact, { k: 40 }).catch((e) => e);
    expect(error).toBeInstanceOf(PluginOptionsError);
    expect(error.message).toMatch(
      /k: expected at most 30 \(the saved training samples\), found 40/,
    );
  });

  it('reports a hand-edited knn.json on disk whose manifest entry was updated to match', async () => {
    const dir = join(root, 'edited');
    await saveModel(dir, artifact);
    const edited = json({ ...config(), numClasses: 2 });
    await writeFile(join(dir, KNN_FILES.config), edited);
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8'));
    const { createHash } = await import('node:crypto');
    manifest.files[KNN_FILES.config] = {
      bytes: edited.byteLength,
      sha256: createHash('sha256').update(edited).digest('hex'),
    };
    await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(manifest));
    await expect(loadModel(dir, createRegistry([plugin]))).rejects.toThrow(
      /knn\.json: expected numClasses 3 \(as the model's metadata\), found 2/,
    );
  });
});
