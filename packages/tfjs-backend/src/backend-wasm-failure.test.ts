import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { initializeBackend, useBackend } from './backend.js';
import { BackendInitError } from './errors.js';

// Its own file: a failed wasm initialization is final for the process.
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'digitlab-wasm-'));
  dirs.push(dir);
  return dir;
}

describe('a wasm backend that cannot start', () => {
  it('names the directory when it does not exist, and allows another attempt', async () => {
    const missing = join(await tempDir(), 'nowhere');
    const error = await initializeBackend('wasm', { wasmDirectory: missing }).catch((e) => e);
    expect(error).toBeInstanceOf(BackendInitError);
    expect(error.message).toMatch(/'wasm' backend: expected a directory holding/);
    expect(error.message).toContain(missing);
    const empty = await tempDir();
    await writeFile(join(empty, 'tfjs-backend-wasm.wasm'), 'x');
    await expect(initializeBackend('wasm', { wasmDirectory: empty })).rejects.toThrow(
      /expected tfjs-backend-wasm-simd\.wasm in .*found tfjs-backend-wasm\.wasm/,
    );
  });

  it('reports binaries that do not load as an error, and cpu still works afterwards', async () => {
    const corrupt = await tempDir();
    await writeFile(join(corrupt, 'tfjs-backend-wasm.wasm'), 'not wasm');
    await writeFile(join(corrupt, 'tfjs-backend-wasm-simd.wasm'), 'not wasm');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = await useBackend('wasm', { wasmDirectory: corrupt }).catch((e) => e);
    expect(error).toBeInstanceOf(BackendInitError);
    expect(error.message).toMatch(/did not load/);
    expect(error.message).toContain(corrupt);
    // The failure is cached: tfjs-backend-wasm cannot be initialized twice in one process.
    await expect(useBackend('wasm')).rejects.toBe(error);
    await useBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.tidy(() => tf.sum(tf.tensor1d([1, 2, 3])).dataSync()[0])).toBe(6);
    expect(warn.mock.calls.flat().join(' ')).not.toMatch(/Hi, looks like/);
    warn.mockRestore();
  });
});
