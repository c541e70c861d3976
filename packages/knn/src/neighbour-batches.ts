import { type NeighbourBatch, nearestNeighbours } from './nearest-neighbours.js';
import type { NeighbourIndex } from './neighbour-index.js';

/** How to walk a query set in batches. */
export interface BatchOptions {
  readonly k: number;
  readonly batchSize: number;
  readonly withDistances: boolean;
  /**
   * Runs before each batch, after the event loop has had a turn: restores the classifier's backend
   * (another classifier may have switched it) and checks it was not disposed meanwhile.
   */
  readonly beforeBatch: () => Promise<void>;
}

/**
 * The k nearest neighbours of every row of `queries`, one batch at a time. Between batches the
 * event loop runs, so a dashboard stays responsive while 10,000 queries take a minute.
 */
export async function* neighbourBatches(
  index: NeighbourIndex,
  queries: Float32Array,
  numQueries: number,
  options: BatchOptions,
): AsyncGenerator<NeighbourBatch, void, undefined> {
  for (let start = 0; start < numQueries; start += options.batchSize) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await options.beforeBatch();
    const rows = Math.min(options.batchSize, numQueries - start);
    yield nearestNeighbours(index, queries, start, rows, options.k, options.withDistances);
  }
}
