import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { datasetFromArrays } from './dataset-from-arrays.js';
import { applyPreprocessing } from './preprocessing.js';
import { scale } from './scale.js';
import { sharedFloat32 } from './shared-features.js';
import { standardize } from './standardize.js';
import { subset } from './subset.js';

const isShared = (a: Float32Array) => a.buffer instanceof SharedArrayBuffer;

describe('shared feature memory', () => {
  it('sharedFloat32 is a zeroed Float32Array on a SharedArrayBuffer', () => {
    const a = sharedFloat32(5);
    expect(a).toBeInstanceOf(Float32Array);
    expect(Array.from(a)).toEqual([0, 0, 0, 0, 0]);
    expect(isShared(a)).toBe(true);
  });

  describe('without SharedArrayBuffer (a browser page that is not cross-origin isolated)', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it('sharedFloat32 falls back to a zeroed Float32Array on a plain ArrayBuffer', () => {
      vi.stubGlobal('SharedArrayBuffer', undefined);
      const a = sharedFloat32(3);
      expect(a).toBeInstanceOf(Float32Array);
      expect(a.buffer).toBeInstanceOf(ArrayBuffer);
      expect(Array.from(a)).toEqual([0, 0, 0]);
    });

    it('preprocessing still produces features', () => {
      vi.stubGlobal('SharedArrayBuffer', undefined);
      const features = applyPreprocessing(Uint8Array.of(0, 255), 2, [
        { kind: 'scale', factor: 1 / 255 },
      ]);
      expect(Array.from(features)).toEqual([0, 1]);
    });
  });

  it('every feature matrix this package derives is shared', () => {
    const raw = Uint8Array.of(0, 255, 51, 102, 0, 0);
    const features = applyPreprocessing(raw, 3, [{ kind: 'scale', factor: 1 / 255 }]);
    expect(isShared(features)).toBe(true);
    expect(isShared(applyPreprocessing(raw, 3, []))).toBe(true);
    const ds = datasetFromArrays({
      name: 'tiny',
      split: 'train',
      features: Float32Array.of(1, 2, 3, 4, 5, 6),
      labels: Uint8Array.of(0, 1),
      imageShape: [3],
      numClasses: 2,
    });
    expect(isShared(scale(ds, 2).features)).toBe(true);
    expect(isShared(subset(ds, [1]).features)).toBe(true);
    const { train } = standardize(ds, ds);
    expect(isShared(train.features)).toBe(true);
  });

  it('a worker thread sees the same memory, without a copy', async () => {
    const features = sharedFloat32(4);
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
       parentPort.once('message', (f) => { f[1] = 42; parentPort.postMessage('done'); });`,
      { eval: true },
    );
    try {
      await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage(features.subarray(1, 3));
      });
    } finally {
      await worker.terminate();
    }
    // The worker wrote through its view (rows 1..2) into the same memory.
    expect(features[2]).toBe(42);
  });
});
