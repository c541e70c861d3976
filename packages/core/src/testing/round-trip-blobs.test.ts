import { describe, expect, it } from 'vitest';
import { roundTripBlobs } from './round-trip-blobs.js';

describe('roundTripBlobs', () => {
  it('gives training blobs that claim an image shape and a scaling, and held-out blobs', () => {
    const { train, test } = roundTripBlobs();
    expect(train).toMatchObject({
      name: 'blobs',
      split: 'train',
      numSamples: 75,
      numFeatures: 4,
      numClasses: 3,
      imageShape: [2, 2],
      preprocessing: [{ kind: 'scale', factor: 0.5 }],
    });
    expect(test).toMatchObject({ split: 'test', numSamples: 30, numFeatures: 4, numClasses: 3 });
    expect(Array.from(roundTripBlobs().train.features)).toEqual(Array.from(train.features));
  });
});
