import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendChoice, BackendName, ResolvedBackend } from './backend-names.js';
import { withConsoleWarnFilter } from './console-warn-filter.js';
import { initializeCpuBackend } from './cpu-backend.js';
import { BackendInitError } from './errors.js';

/** Where to find things a backend needs; only read by the first initialization of that backend. */
export interface BackendOptions {
  /** Directory holding tfjs-backend-wasm's `.wasm` binaries (default: the installed package's dist). */
  readonly wasmDirectory?: string;
}

const WASM_BINARIES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'] as const;

const initializations = new Map<BackendName, Promise<void>>();
// Failures found before tfjs is touched (a wrong directory): a later call may try again.
const retryable = new WeakSet<Error>();

/**
 * Register and initialize a backend once per process (later calls share the first attempt) without
 * changing which backend is active. A failed wasm initialization is final for the process, because
 * tfjs-backend-wasm refuses a second attempt; the caller can fall back to cpu.
 */
export function initializeBackend(name: BackendName, options: BackendOptions = {}): Promise<void> {
  let pending = initializations.get(name);
  if (pending === undefined) {
    pending = name === 'cpu' ? initializeCpuBackend() : initializeWasm(options.wasmDirectory);
    initializations.set(name, pending);
    pending.catch((error: Error) => {
      if (retryable.has(error)) initializations.delete(name);
    });
  }
  return pending;
}

/** Make `name` the active TensorFlow.js backend, initializing it on first use. */
export async function useBackend(name: BackendName, options: BackendOptions = {}): Promise<void> {
  await initializeBackend(name, options);
  if (tf.getBackend() === name) return;
  if (!(await tf.setBackend(name))) {
    throw new BackendInitError(name, 'tf.setBackend() refused a backend that initialized before');
  }
}

/** The directory of the installed tfjs-backend-wasm's binaries. */
export function defaultWasmDirectory(): string {
  return dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
}

async function initializeWasm(directory = defaultWasmDirectory()): Promise<void> {
  await checkWasmDirectory(directory);
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const previous = tf.getBackend() as string | undefined;
  try {
    wasm.setWasmPaths(directory.endsWith(sep) ? directory : `${directory}${sep}`);
  } catch (error) {
    throw new BackendInitError('wasm', (error as Error).message);
  }
  // tfjs reports a failed initialization only through console.warn; keep those lines for the error.
  const captured: unknown[][] = [];
  const ok = await withConsoleWarnFilter(
    (args) => {
      captured.push([...args]);
      return true;
    },
    () => tf.setBackend('wasm'),
  );
  if (!ok) {
    // Unregister it, or tfjs would keep retrying wasm (its highest-priority backend) on every op.
    tf.removeBackend('wasm');
    if (previous && previous !== 'wasm') await tf.setBackend(previous);
    const details = captured.map((args) => args.map(describeWarning).join(' ')).join('; ');
    throw new BackendInitError(
      'wasm',
      `the binaries in ${directory} did not load (${details || 'no details reported'})`,
    );
  }
  for (const args of captured) console.warn(...args);
  if (previous && previous !== 'wasm') await tf.setBackend(previous);
}

async function checkWasmDirectory(directory: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(directory);
  } catch (error) {
    throw retry(
      new BackendInitError(
        'wasm',
        `expected a directory holding ${WASM_BINARIES.join(' and ')}, found ${(error as NodeJS.ErrnoException).code ?? 'an unreadable path'} at ${directory}`,
      ),
    );
  }
  const missing = WASM_BINARIES.filter((file) => !entries.includes(file));
  if (missing.length > 0) {
    const found = entries.filter((e) => e.endsWith('.wasm')).join(', ') || 'no .wasm files';
    throw retry(
      new BackendInitError(
        'wasm',
        `expected ${missing.join(' and ')} in ${directory}, found ${found}`,
      ),
    );
  }
}

function retry(error: BackendInitError): BackendInitError {
  retryable.add(error);
  return error;
}

function describeWarning(value: unknown): string {
  if (value instanceof Error) return value.message;
  return String(value).split('\n')[0] ?? '';
}

/**
 * Resolve `auto` to wasm (several times faster here) when it initializes, else cpu with a note
 * saying why; a named backend must initialize or this throws BackendInitError.
 */
export async function resolveBackend(
  choice: BackendChoice,
  options: BackendOptions = {},
): Promise<ResolvedBackend> {
  if (choice !== 'auto') {
    await initializeBackend(choice, options);
    return { backend: choice };
  }
  try {
    await initializeBackend('wasm', options);
    return { backend: 'wasm' };
  } catch (error) {
    await initializeBackend('cpu', options);
    return {
      backend: 'cpu',
      note: `wasm backend unavailable, using cpu (much slower): ${(error as Error).message}`,
    };
  }
}

/** Resolve a requested backend (see `resolveBackend`) and make it the active one. */
export async function activateBackend(
  choice: BackendChoice,
  options: BackendOptions = {},
): Promise<ResolvedBackend> {
  const resolved = await resolveBackend(choice, options);
  await useBackend(resolved.backend, options);
  return resolved;
}
