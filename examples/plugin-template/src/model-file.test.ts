import { join } from 'node:path';
import {
  ArtifactError,
  createRegistry,
  fitToEnd,
  loadModel,
  type ModelArtifact,
  saveModel,
} from '@digitlab/core/node';
import { temporaryDirectory } from '@digitlab/core/testing';
import { describe, expect, it } from 'vitest';
import { decodeModelFile, encodeModelFile, MODEL_FILE } from './model-file.js';
import type { NearestCentroidModel } from './nearest-centroid-model.js';
import { DEFAULT_OPTIONS } from './options.js';
import { nearestCentroid } from './plugin.js';
import { rowsOf, UNEQUAL } from './test-support/points.js';

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
/** The encoded file with one change made to its JSON. */
function tampered(change: (json: Record<string, unknown>) => void): Record<string, Uint8Array> {
  const bytes = encodeModelFile(model)[MODEL_FILE] as Uint8Array;
  const json = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  change(json);
  return { [MODEL_FILE]: new TextEncoder().encode(JSON.stringify(json)) };
}

describe('the model file', () => {
  it('round-trips every float64 exactly, sized by the metadata', () => {
    const decoded = decodeModelFile(encodeModelFile(model), metadata);
    expect(Array.from(decoded.centroids)).toEqual(Array.from(model.centroids));
    expect(Array.from(decoded.counts)).toEqual([3, 7, 0]);
    expect(decoded).toMatchObject({ numFeatures: 2, numClasses: 3 });
  });

  it.each([
    ['missing', () => ({}), /expected this file, found it missing \(files: none\)/],
    [
      'not JSON',
      () => ({ [MODEL_FILE]: new TextEncoder().encode('{"format": ') }),
      /expected valid JSON, found a parse error/,
    ],
    [
      'not an object',
      () => ({ [MODEL_FILE]: new TextEncoder().encode('[1, 2]') }),
      /^[^:]+: expected object, found \[1,2\]$/,
    ],
    [
      'another format',
      () => tampered((j) => (j.format = 'knn')),
      /format: expected "digitlab-nearest-centroid", found "knn"/,
    ],
    ['a newer version', () => tampered((j) => (j.version = 2)), /version: expected 1, found 2/],
    [
      'sized for other metadata (3 features)',
      () =>
        tampered(
          (j) =>
            (j.centroids = [
              [1, 2, 3],
              [3, 4, 5],
              [0, 0, 0],
            ]),
        ),
      /centroids\[0\]: expected array to have exactly 2 items, found \[1,2,3\]/,
    ],
    [
      'counts of the wrong length',
      () => tampered((j) => (j.counts = [3, 7])),
      /counts: expected array to have exactly 3 items, found \[3,7\]/,
    ],
    [
      'a fractional count',
      () => tampered((j) => (j.counts = [3, 7.5, 0])),
      /counts\[1\]: expected int, found 7.5/,
    ],
    [
      'no class with samples',
      () => tampered((j) => (j.counts = [0, 0, 0])),
      /counts: expected a class with training samples, found \[0,0,0\]/,
    ],
    [
      'a short centroid',
      () => tampered((j) => (j.centroids = [[1, 2], [3], [0, 0]])),
      /centroids\[1\]: expected array to have exactly 2 items, found \[3\]/,
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
      /centroids\[1\]\[1\]: expected number, found null/,
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

describe('a model saved by the template before the fit driver', () => {
  // nearest-centroid.json byte for byte as the hand-written template wrote it, and the metadata it
  // recorded: its options directly under `training`, no `training.options`.
  const file = new TextEncoder().encode(
    '{"format":"digitlab-nearest-centroid","version":1,"options":{"metric":"manhattan","shrinkage":0,"temperature":2},"numFeatures":2,"numClasses":3,"counts":[3,2,0],"centroids":[[1,1],[5,4],[0,0]]}\n',
  );
  const artifact: ModelArtifact = {
    plugin: 'nearest-centroid',
    metadata: {
      ...metadata,
      dataset: 'points',
      training: {
        metric: 'manhattan',
        shrinkage: 0,
        temperature: 2,
        split: 'train',
        numSamples: 5,
      },
    },
    files: { [MODEL_FILE]: file },
  };

  it('loads with the options recorded in it and predicts by its centroids', async () => {
    const loaded = await nearestCentroid({ temperature: 9 }).load(artifact);
    expect(loaded.fitted).toBe(true);
    expect(loaded.options).toEqual({ metric: 'manhattan', shrinkage: 0, temperature: 2 });
    // From (5,1): L1 distances 4 and 3 to (1,1) and (5,4); class 2 has no samples.
    expect(Array.from(await loaded.predict(rowsOf([5, 1], [0, 0])))).toEqual([1, 0]);
    const p = await loaded.predictProba(rowsOf([5, 1]));
    expect(p[0]).toBeCloseTo(Math.exp(-0.5) / (1 + Math.exp(-0.5)), 6);
    expect(p[2]).toBe(0);
  });

  it('takes its options from the manifest, not the copy in its file; overrides win over both', async () => {
    const edited = {
      ...artifact,
      metadata: { ...artifact.metadata, training: { temperature: 7, metric: 'euclidean' } },
    };
    const plugin = nearestCentroid();
    expect((await plugin.load(edited)).options).toMatchObject({
      metric: 'euclidean',
      temperature: 7,
    });
    expect((await plugin.load(edited, { temperature: 0.5 })).options.temperature).toBe(0.5);
  });

  it('saves again as version 1 without the copies the manifest holds, and loads back the same', async () => {
    const loaded = await nearestCentroid().load(artifact);
    const saved = await loaded.save();
    const json = JSON.parse(new TextDecoder().decode(saved.files[MODEL_FILE])) as object;
    expect(json).toEqual({
      format: 'digitlab-nearest-centroid',
      version: 1,
      counts: [3, 2, 0],
      centroids: [
        [1, 1],
        [5, 4],
        [0, 0],
      ],
    });
    // The options stay where the old manifest had them, which core still reads.
    expect(saved.metadata.training).toMatchObject({ metric: 'manhattan', temperature: 2 });
    const again = await nearestCentroid().load(saved);
    expect(again.options).toEqual(loaded.options);
    const rows = rowsOf([5, 1], [0, 0], [3, 2.5]);
    expect(await again.predictProba(rows)).toEqual(await loaded.predictProba(rows));
  });
});

describe('saving and loading through core', () => {
  it('predicts the same after saveModel/loadModel, with the options it was trained with', async () => {
    const trained = nearestCentroid().create({ ...DEFAULT_OPTIONS, temperature: 2.5 });
    await fitToEnd(trained.fit(UNEQUAL));
    const dir = await temporaryDirectory('nearest-centroid-');
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
