import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initializeBackend, useBackend } from './backend.js';
import { isTfjsNodeBanner } from './tfjs-banner.js';

// Its own file: the banner is printed once per cpu backend, so nothing else may touch cpu first.
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the cpu backend', () => {
  it('initializes without the tfjs-node banner and keeps other tfjs warnings', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await initializeBackend('cpu');
    await useBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
    tf.tidy(() => tf.add(tf.tensor1d([1, 2]), 1).dataSync());
    expect(warn.mock.calls.filter((args) => isTfjsNodeBanner(args))).toEqual([]);
    // The same channel the banner uses still works: the filter is gone and no global flag was set.
    expect(console.warn).toBe(warn);
    tf.backend_util.warn('a real warning');
    expect(warn).toHaveBeenCalledWith('a real warning');
    expect(tf.env().getBool('PROD')).toBe(false);
    expect(tf.env().getBool('IS_TEST')).toBe(false);
  });

  it('filters exactly the notice a fresh cpu backend prints on its first write', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const backend = new MathBackendCPU();
    backend.write(new Float32Array([1]), [1], 'float32');
    backend.dispose();
    const banners = warn.mock.calls.filter((args) => isTfjsNodeBanner(args));
    expect(banners).toHaveLength(1);
    expect(String(banners[0]?.[0])).toContain('tfjs-node');
    expect(isTfjsNodeBanner(['Initialization of backend wasm failed'])).toBe(false);
    expect(isTfjsNodeBanner([`${String(banners[0]?.[0])}`, 'extra'])).toBe(false);
  });
});
