import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ArtifactError,
  createRegistry,
  fitToEnd,
  loadModel,
  type ModelArtifact,
  saveModel,
} from '@digitlab/core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeModelFile, encodeModelFile, MODEL_FILE } from './model-file.js';
import type { NearestCentroidModel } from './nearest-centroid-model.js';
import { DEFAULT_OPTIONS } from './options.js';
import { nearestCentroid } from './plugin.js';
import { rowsOf, UNEQUAL } from './test-support/points.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const model: NearestCentroidModel = {
  numFeatures: 2,
  numClasses: 3,
  centroids: Float64Array.from([1 / 3, 2 / 3, 0.1 + 0.2, -1e-300, 0, 0]),
  counts: Float64Array.from([3, 7, 0]),
};
const metadata: ModelArtifact['metadata'] = {
  numFeatures: 2,
  numClasses: 3,
  classNames: ['a', 'b', 'c'],
  imageShape: [2],
  preprocessing: [],
};
const options = { metric: 'manhattan', shrinkage: 0.25, temperature: 3 } as const;

/** The encoded file with one change made to its JSON. */
function tampered(change: (json: Record<string, unknown>) => void): Record<string, Uint8Array> {
  const bytes = encodeModelFile(model, options)[MODEL_FILE] as Uint8Array;
  const json = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  change(json);
  return { [MODEL_FILE]: new TextEncoder().encode(JSON.stringify(json)) };
}

describe('the model file', () => {
  it('round-trips every float64 and the options exactly', () => {
    const decoded = decodeModelFile(encodeModelFile(model, options), metadata);
    expect(Array.from(decoded.model.centroids)).toEqual(Array.from(model.centroids));
    expect(Array.from(decoded.model.counts)).toEqual([3, 7, 0]);
    expect(decoded.options).toEqual(options);
  });

  it.each([
    ['missing', () => ({}), /expected the centroids file, found it missing/],
    [
      'not JSON',
      () => ({ [MODEL_FILE]: new TextEncoder().encode('{"format": ') }),
      /expected valid JSON, found a parse error/,
    ],
    ['another format', () => tampered((j) => (j.format = 'knn')), /"format".*found "knn"/],
    ['a newer version', () => tampered((j) => (j.version = 2)), /"version": 1, found 2/],
    [
      'an unknown metric',
      () => tampered((j) => (j.options = { ...options, metric: 'cosine' })),
      /options\.metric/,
    ],
    [
      'a different feature count',
      () => tampered((j) => (j.numFeatures = 3)),
      /expected numFeatures 2 \(as the model's metadata\), found 3/,
    ],
    [
      'counts of the wrong length',
      () => tampered((j) => (j.counts = [3, 7])),
      /expected "counts" to be 3 non-negative integers, found \[3,7\]/,
    ],
    ['no class with samples', () => tampered((j) => (j.counts = [0, 0, 0])), /found all counts 0/],
    [
      'a short centroid',
      () => tampered((j) => (j.centroids = [[1, 2], [3], [0, 0]])),
      /expected centroids\[1\] to hold 2 numbers, found \[3\]/,
    ],
    [
      'a value that is not a number',
      () =>
        tampered(
          (j) =>
            (j.centroids = [
              [1, 2],
              [3, null],
              [0, 0],
            ]),
        ),
      /expected finite numbers in the centroids, found null at centroids\[1\]\[1\]/,
    ],
  ])('rejects a file that is %s with an ArtifactError naming it', (_, files, message) => {
    let error: unknown;
    try {
      decodeModelFile(files(), metadata);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ArtifactError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message.startsWith(`${MODEL_FILE}: `)).toBe(true);
  });
});

describe('saving and loading through core', () => {
  it('predicts the same after saveModel/loadModel, with the options it was trained with', async () => {
    const trained = nearestCentroid().create({ ...DEFAULT_OPTIONS, temperature: 2.5 });
    await fitToEnd(trained.fit(UNEQUAL));
    const dir = await mkdtemp(join(tmpdir(), 'nearest-centroid-'));
    dirs.push(dir);
    await saveModel(join(dir, 'model'), await trained.save());
    // A plugin with other defaults still loads the saved options: they are part of the model.
    const registry = createRegistry([nearestCentroid({ temperature: 9 })]);
    const loaded = await loadModel(join(dir, 'model'), registry);
    expect(loaded.options).toEqual({ ...DEFAULT_OPTIONS, temperature: 2.5 });
    const features = rowsOf([1, 1], [3, 2.4], [1.8, 1.6]);
    expect(Array.from(await loaded.predictProba(features))).toEqual(
      Array.from(await trained.predictProba(features)),
    );
  });

  it('refuses an artifact saved by another plugin, naming both', async () => {
    const artifact = await (async () => {
      const c = nearestCentroid().create(DEFAULT_OPTIONS);
      await fitToEnd(c.fit(UNEQUAL));
      return c.save();
    })();
    await expect(nearestCentroid().load({ ...artifact, plugin: 'knn' })).rejects.toThrow(
      /expected a model saved by the 'nearest-centroid' plugin, found one saved by 'knn'/,
    );
  });
});
