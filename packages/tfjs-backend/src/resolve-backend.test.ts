import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { resolveBackend, useBackend } from './backend.js';
import { BackendInitError } from './errors.js';

describe('resolveBackend', () => {
  it("falls back from wasm to cpu with a note saying why, for 'auto'", async () => {
    const resolved = await resolveBackend('auto', { wasmDirectory: '/nonexistent/wasm' });
    expect(resolved.backend).toBe('cpu');
    expect(resolved.note).toMatch(/wasm backend unavailable, using cpu.*\/nonexistent\/wasm/);
  });

  it('throws for an explicitly requested backend that cannot start', async () => {
    await expect(resolveBackend('wasm', { wasmDirectory: '/nonexistent/wasm' })).rejects.toThrow(
      BackendInitError,
    );
  });

  it("picks wasm for 'auto' when it starts, and makes no backend active by resolving", async () => {
    await useBackend('cpu');
    const resolved = await resolveBackend('auto');
    expect(resolved).toEqual({ backend: 'wasm' });
    expect(tf.getBackend()).toBe('cpu');
    await useBackend(resolved.backend);
    expect(tf.getBackend()).toBe('wasm');
  });
});
