import * as tf from '@tensorflow/tfjs-core';
import type { BackendChoice } from './backend-names.js';
import { initializeCpuBackend } from './cpu-backend.js';
import { BackendInitError } from './errors.js';

/** A backend request resolved without Node: the backend's name as TensorFlow.js knows it. */
export interface BrowserBackend {
  readonly backend: string;
  readonly note?: string;
}

/**
 * Resolve a backend request where no files can be read (a browser, or code that must run in one):
 * `cpu` starts tfjs-backend-cpu; `wasm` must already be registered by the page, which knows where
 * its binaries are served; `auto` takes the backend already active (say webgl, set by the page),
 * else cpu. Nothing is made active; `useBrowserBackend` does that.
 */
export async function resolveBrowserBackend(choice: BackendChoice): Promise<BrowserBackend> {
  if (choice === 'wasm') {
    if (tf.findBackendFactory('wasm') === null) {
      throw new BackendInitError(
        'wasm',
        "expected the page to register it (import '@tensorflow/tfjs-backend-wasm' and call setWasmPaths()), found no wasm backend in the registry; under Node, @digitlab/tfjs-backend's main entry starts it",
      );
    }
    return { backend: 'wasm' };
  }
  const active = choice === 'auto' ? (tf.getBackend() as string | undefined) : undefined;
  if (active) return { backend: active };
  await initializeCpuBackend();
  return { backend: 'cpu' };
}

/** Make `name` the active TensorFlow.js backend (cpu is started on first use; others must be registered). */
export async function useBrowserBackend(name: string): Promise<void> {
  if (name === 'cpu') await initializeCpuBackend();
  if (tf.getBackend() === name) return;
  if (!(await tf.setBackend(name))) {
    throw new BackendInitError(name, `tf.setBackend('${name}') refused it`);
  }
}
