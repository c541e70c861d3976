import { availableParallelism } from 'node:os';

/** The most part workers a fit starts. */
export const MAX_PART_WORKERS = 64;

/** Below this many rows a threaded step's meetings cost more than its arithmetic saves. */
export const MIN_ROWS_FOR_PART_WORKERS = 2000;

/** One part worker per core beyond the one the fit runs on. */
export function defaultPartWorkers(): number {
  return Math.min(MAX_PART_WORKERS, Math.max(0, availableParallelism() - 1));
}

/** How many of the `requested` part workers a fit on `numSamples` rows starts. */
export function partWorkerCount(requested: number, numSamples: number): number {
  return numSamples < MIN_ROWS_FOR_PART_WORKERS ? 0 : requested;
}
