import { describe, expect, it } from 'vitest';
import { gaussianBlobs } from './gaussian-blobs.js';

describe('gaussianBlobs', () => {
  it('is deterministic per seed, with cycling labels and the asked shape', () => {
    const a = gaussianBlobs({ perClass: 4, numClasses: 3, numFeatures: 2, seed: 7 });
    const b = gaussianBlobs({ perClass: 4, numClasses: 3, numFeatures: 2, seed: 7 });
    const c = gaussianBlobs({ perClass: 4, numClasses: 3, numFeatures: 2, seed: 8 });
    expect(a.numSamples).toBe(12);
    expect(a.features).toHaveLength(24);
    expect(Array.from(a.labels)).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
    expect(Array.from(a.features)).toEqual(Array.from(b.features));
    expect(Array.from(a.features)).not.toEqual(Array.from(c.features));
  });

  it('centres each class within [−spread, spread], with unit noise around the centre', () => {
    const data = gaussianBlobs({ perClass: 2000, numClasses: 2, numFeatures: 1, spread: 5 });
    const mean = [0, 0];
    for (let i = 0; i < data.numSamples; i++) {
      const c = data.labels[i] as number;
      mean[c] = (mean[c] as number) + (data.features[i] as number) / 2000;
    }
    let variance = 0;
    for (let i = 0; i < data.numSamples; i++) {
      variance += ((data.features[i] as number) - (mean[data.labels[i] as number] as number)) ** 2;
    }
    expect(variance / data.numSamples).toBeCloseTo(1, 1);
    for (const m of mean) expect(Math.abs(m as number)).toBeLessThan(5 + 0.1);
    // Standard error of each mean is 1/√2000 ≈ 0.022: distinct centres show as distinct means.
    expect(Math.abs((mean[0] as number) - (mean[1] as number))).toBeGreaterThan(0.2);
  });
});
