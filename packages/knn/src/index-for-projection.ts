import type { TrainContext, Trainer, TrainingEnd, TrainingStep } from '@digitlab/core';
import { NeighbourIndex } from './neighbour-index.js';
import type { KnnOptions } from './options.js';
import { PROJECTION_DIMS } from './projection/projection-bounds.js';
import { projectionIndexData } from './projection/projection-index.js';

/**
 * knn's fit for the projection search. Each step's model indexes the rows so far and builds its
 * search only if queried (held-out evaluation); the last step compresses the whole set, estimates
 * its principal basis and starts the search workers, so the fit's time includes all of it.
 * Stopped early, the last step's index stays, holding its own copy of its rows.
 */
export async function indexForProjection(
  {
    data,
    options: o,
    signal,
  }: Pick<TrainContext<KnnOptions, NeighbourIndex>, 'data' | 'options' | 'signal'>,
  rowsPerStep: number,
  total: number,
): Promise<Trainer<NeighbourIndex>> {
  const { numSamples: n, numFeatures: d, numClasses } = data;
  async function* steps(): AsyncGenerator<
    TrainingStep<NeighbourIndex>,
    TrainingEnd<NeighbourIndex>
  > {
    let last: NeighbourIndex | undefined;
    let complete = false;
    try {
      for (let indexed = 0, step = 0; indexed < n; step++) {
        if (signal.aborted) {
          const message = `aborted after indexing ${indexed} of ${n} samples (${step} of ${total} steps)`;
          return { stopReason: 'aborted', converged: false, message };
        }
        indexed = Math.min(n, indexed + rowsPerStep);
        const labels = data.labels.slice(0, indexed);
        if (indexed < n) {
          last = NeighbourIndex.fromRows(
            data.features.subarray(0, indexed * d),
            d,
            labels,
            numClasses,
          );
        } else {
          last = NeighbourIndex.fromProjection(
            projectionIndexData(data.features, n, d),
            labels,
            numClasses,
          );
          await last.projectionSearch(o.workers);
          complete = true;
        }
        yield { model: last, message: `indexed ${indexed} of ${n} samples` };
      }
      return {
        stopReason: 'completed',
        converged: true,
        message: `indexed ${n} samples of ${d} features in ${total} steps (k=${o.k}, ${o.weights} weights): compressed rows, ${PROJECTION_DIMS} principal directions, ${o.workers === 0 ? 'searching on this thread' : `${o.workers} search workers`}`,
      };
    } finally {
      // Stopped early: the model keeps its rows apart from the caller's training set.
      if (last && !complete) last.ownRows();
    }
  }
  return {
    unit: 'step',
    total,
    description: `k-nearest neighbours (k=${o.k}, ${o.weights} weights, exact search with projection bounds, ${o.workers} workers): indexing ${n} samples in ${total} steps`,
    steps: steps(),
    watchesSignal: true,
  };
}
