import { z } from 'zod';
import { BACKEND_CHOICES, type BackendChoice } from './backend-names.js';

const DESCRIPTION =
  'TensorFlow.js backend: auto (wasm if it starts, else cpu), wasm (fast) or cpu (reference)';

/**
 * The `backend` field of a plugin's options schema: one of BACKEND_CHOICES, shown with where the
 * work runs and left out of the header (which names the backend that started instead).
 */
export function backendOption(defaultChoice: BackendChoice, description = DESCRIPTION) {
  return z
    .enum(BACKEND_CHOICES)
    .default(defaultChoice)
    .describe(description)
    .meta({ group: 'runtime', header: false });
}
