import { describe, expect, it } from 'vitest';
import { ArtifactError } from '../errors.js';
import { toyArtifact } from '../test-support/toy-artifact.js';
import { centroidPlugin } from './centroid-plugin.js';

// 2 classes × 4 features, as toyArtifact's metadata says.
const centroids = (...values: number[]) => ({
  'centroids.bin': new Uint8Array(Float32Array.from(values).buffer),
});
const load = (files: Record<string, Uint8Array>) => centroidPlugin().load(toyArtifact(files));

describe('the toy centroid plugin loading centroids.bin', () => {
  it('loads finite centroids as a model predicting the nearest one', async () => {
    const model = await load(centroids(0, 0, 0, 0, 1, 1, 1, 1));
    try {
      expect(Array.from(await model.predict(Float32Array.of(0.1, 0, 0, 0, 0.9, 1, 1, 1)))).toEqual([
        0, 1,
      ]);
    } finally {
      model.dispose();
    }
  });

  // The damaged-artifact fuzz found this: a NaN centroid loaded, and every probability was NaN.
  it.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('refuses a centroid of %s, naming the file, the value and where it is', async (bad, shown) => {
    const error = await load(centroids(0, 0, 0, 0, 1, 1, bad, 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArtifactError);
    expect((error as Error).message).toBe(
      `centroids.bin: expected finite values, found ${shown} at class 1, feature 2`,
    );
  });

  it('refuses a file of the wrong size, saying the size the metadata implies', async () => {
    await expect(load(centroids(0, 0, 0, 0, 1, 1, 1))).rejects.toThrow(
      /^centroids\.bin: expected 2 × 4 float32 values = 32 bytes .*found 28 bytes$/,
    );
  });

  it('refuses a missing file', async () => {
    await expect(load({})).rejects.toThrow(
      /^centroids\.bin: expected 2 × 4 float32 centroids, found the file missing$/,
    );
  });
});
