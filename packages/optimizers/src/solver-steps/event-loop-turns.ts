/** At most this long between two turns of the event loop inside one solver step. */
export const TURN_INTERVAL_MS = 50;

const macrotask: () => Promise<void> =
  typeof globalThis.setImmediate === 'function'
    ? () => new Promise((resolve) => globalThis.setImmediate(resolve))
    : () => new Promise((resolve) => globalThis.setTimeout(resolve, 0));

/**
 * A function to await between two evaluations of a step: it gives the event loop a turn once
 * `intervalMs` have passed since the last one. A step whose evaluations never wait on I/O (an
 * epoch of mini-batches on this thread) would otherwise run from start to end in promise
 * callbacks, and a signal handler (Ctrl-C) could not abort it until the step was over.
 */
export function eventLoopTurns(intervalMs = TURN_INTERVAL_MS): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    const now = performance.now();
    if (now - last < intervalMs) return undefined;
    last = now;
    return macrotask().then(() => {
      last = performance.now();
    });
  };
}
