import * as tf from '@tensorflow/tfjs-core';
import { withConsoleWarnFilter } from './console-warn-filter.js';
import { BackendInitError } from './errors.js';
import { isTfjsNodeBanner } from './tfjs-banner.js';

let initialization: Promise<void> | undefined;

/**
 * Register and initialize tfjs-backend-cpu once per process (later calls share the first attempt)
 * without changing which backend is active. Its Node banner is dropped; nothing here needs Node.
 */
export function initializeCpuBackend(): Promise<void> {
  initialization ??= initializeCpu();
  return initialization;
}

async function initializeCpu(): Promise<void> {
  const previous = tf.getBackend() as string | undefined;
  // The notice comes from the cpu backend's first tensor write, so trigger that write in here.
  await withConsoleWarnFilter(isTfjsNodeBanner, async () => {
    await import('@tensorflow/tfjs-backend-cpu');
    if (!(await tf.setBackend('cpu'))) {
      throw new BackendInitError('cpu', 'tf.setBackend("cpu") returned false');
    }
    tf.tensor1d([0]).dispose();
  });
  if (previous && previous !== 'cpu') await tf.setBackend(previous);
}
