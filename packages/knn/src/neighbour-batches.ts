import { activateBackend } from '@digitlab/tfjs-backend';
import { type NeighbourBatch, nearestNeighbours } from './nearest-neighbours.js';
import type { NeighbourIndex } from './neighbour-index.js';
import type { KnnOptions } from './options.js';

/** How to walk a query set in batches. */
export interface BatchOptions extends Pick<KnnOptions, 'k' | 'batchSize' | 'backend'> {
  readonly withDistances: boolean;
}

/**
 * The k nearest neighbours of every row of `queries`, one batch at a time. Between batches the
 * event loop runs, so a dashboard stays responsive while 10,000 queries take a minute; the
 * classifier's backend is then made active again, as another classifier may have switched it.
 */
export async function* neighbourBatches(
  index: NeighbourIndex,
  queries: Float32Array,
  options: BatchOptions,
): AsyncGenerator<NeighbourBatch, void, undefined> {
  const numQueries = queries.length / index.numFeatures;
  for (let start = 0; start < numQueries; start += options.batchSize) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await activateBackend(options.backend);
    const rows = Math.min(options.batchSize, numQueries - start);
    yield nearestNeighbours(index, queries, start, rows, options.k, options.withDistances);
  }
}
