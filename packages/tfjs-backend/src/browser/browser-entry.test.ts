import { expectBrowserBundle } from '@digitlab/bundle-check';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { BackendInitError } from '../errors.js';
import { resolveBrowserBackend, useBrowserBackend } from './index.js';

it('the /browser entry bundles for the browser without importing a Node built-in', async () => {
  await expectBrowserBundle(new URL('../../dist/browser/index.js', import.meta.url));
});

// This file never imports tfjs-backend-wasm, as a page that did not register it.
describe('resolveBrowserBackend', () => {
  it("starts cpu for 'auto' when no backend is active, then keeps whichever the page made active", async () => {
    expect(tf.getBackend()).toBeFalsy();
    expect(await resolveBrowserBackend('auto')).toEqual({ backend: 'cpu' });
    tf.registerBackend('page', () => tf.findBackend('cpu') as tf.KernelBackend);
    await tf.setBackend('page');
    expect(await resolveBrowserBackend('auto')).toEqual({ backend: 'page' });
    // An explicit cpu is cpu; resolving it leaves the page's backend active, using it does not.
    expect(await resolveBrowserBackend('cpu')).toEqual({ backend: 'cpu' });
    expect(tf.getBackend()).toBe('page');
    await useBrowserBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('refuses wasm that the page did not register, saying how to register it', async () => {
    const failure = resolveBrowserBackend('wasm');
    await expect(failure).rejects.toBeInstanceOf(BackendInitError);
    await expect(failure).rejects.toThrow(/import '@tensorflow\/tfjs-backend-wasm'.*setWasmPaths/);
    await expect(useBrowserBackend('wasm')).rejects.toThrow(/wasm/);
  });
});
