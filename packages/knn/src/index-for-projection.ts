import type { TrainContext, Trainer, TrainingSteps } from '@digitlab/core';
import { NeighbourIndex } from './neighbour-index.js';
import type { KnnOptions } from './options.js';
import { principalBasis } from './projection/principal-basis.js';
import { PROJECTION_DIMS } from './projection/projection-bounds.js';
import { basisSample, compressForSearch, withBasis } from './projection/projection-index.js';
import { SearchWorkers } from './projection/projection-search.js';

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
  // The workers start while the rows are read; the first computes the basis while this thread
  // compresses the rows.
  let spawning = o.workers > 0 ? SearchWorkers.start(o.workers) : undefined;
  spawning?.catch(() => undefined);
  async function* steps(): TrainingSteps<NeighbourIndex> {
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
          const workers = await spawning;
          spawning = undefined;
          last = await indexWith(workers, labels);
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

  async function indexWith(workers: SearchWorkers | undefined, labels: Uint8Array) {
    try {
      const sample = basisSample(data.features, n, d);
      const basis = workers
        ? workers.basis(sample, d)
        : principalBasis(sample, sample.length / d, d, PROJECTION_DIMS);
      const rows = compressForSearch(data.features, n, d);
      return NeighbourIndex.fromProjection(
        withBasis(rows, await basis),
        labels,
        numClasses,
        workers,
      );
    } catch (error) {
      await workers?.terminate();
      throw error;
    }
  }
  return {
    unit: 'step',
    total,
    description: `k-nearest neighbours (k=${o.k}, ${o.weights} weights, exact search with projection bounds, ${o.workers} workers): indexing ${n} samples in ${total} steps`,
    steps: steps(),
    watchesSignal: true,
    // Workers started for a last step that never came are stopped (those handed to the index
    // stop with it).
    async release() {
      await spawning?.then((w) => w.terminate()).catch(() => undefined);
    },
  };
}
