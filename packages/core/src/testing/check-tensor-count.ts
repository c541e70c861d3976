import { ConformanceError } from './conformance-error.js';

/** Check that an operation left the live tensor count (or any resource count) where it found it. */
export function checkTensorCount(before: number, after: number, operation: string): void {
  if (after !== before) {
    throw new ConformanceError(
      'tensor leak',
      `expected ${before} live tensors after ${operation} (as before it), found ${after} (${after > before ? `${after - before} leaked` : `${before - after} disposed that were not its own`})`,
    );
  }
}
