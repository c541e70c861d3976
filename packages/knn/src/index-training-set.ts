import {
  ClassifierInputError,
  type TrainContext,
  type Trainer,
  type TrainingSteps,
} from '@digitlab/core';
import { activateBackend } from '@digitlab/tfjs-backend';
import { indexForProjection } from './index-for-projection.js';
import { disposeBlock, type IndexBlock, indexBlock, NeighbourIndex } from './neighbour-index.js';
import type { KnnOptions } from './options.js';
import { resolveAlgorithm } from './resolve-algorithm.js';

/** Indexing is reported in this many progress steps (fewer when a step must hold k rows). */
export const INDEX_STEPS = 10;

/**
 * knn's fit, in up to INDEX_STEPS steps of rows. For the projection search see
 * `indexForProjection`. For brute force: upload the training set in blocks. Each step's model
 * indexes the rows uploaded so far and is concatenated only if used (held-out evaluation, save, an
 * abort), so an unwatched fit concatenates once, at its last step; stopped early, the last step's
 * index stays.
 */
export async function indexTrainingSet({
  data,
  options: o,
  signal,
}: TrainContext<KnnOptions, NeighbourIndex>): Promise<Trainer<NeighbourIndex>> {
  const { numSamples: n, numFeatures: d, numClasses } = data;
  if (o.k > n) {
    throw new ClassifierInputError(
      `fit: expected k ≤ the number of training samples, found k = ${o.k} with ${n} samples in training data '${data.name}' ${data.split} (lower k or use more data)`,
    );
  }
  const rowsPerStep = Math.max(o.k, Math.ceil(n / INDEX_STEPS));
  const total = Math.ceil(n / rowsPerStep);
  if (resolveAlgorithm(o, d) === 'projection') {
    return indexForProjection({ data, options: o, signal }, rowsPerStep, total);
  }
  // Backend start-up (wasm compilation) happens once per process: not part of this fit's time.
  const { note } = await activateBackend(o.backend);
  async function* steps(): TrainingSteps<NeighbourIndex> {
    const blocks: IndexBlock[] = [];
    let last: NeighbourIndex | undefined;
    try {
      for (let indexed = 0, step = 0; indexed < n; step++) {
        if (signal.aborted) {
          const message = `aborted after indexing ${indexed} of ${n} samples (${step} of ${total} steps)`;
          return { stopReason: 'aborted', converged: false, message };
        }
        await activateBackend(o.backend);
        const end = Math.min(n, indexed + rowsPerStep);
        blocks.push(indexBlock(data.features.subarray(indexed * d, end * d), end - indexed, d));
        indexed = end;
        last = NeighbourIndex.fromBlocks(blocks.slice(), data.labels.slice(0, indexed), numClasses);
        if (indexed === n) {
          last.tensors();
          for (const block of blocks.splice(0)) disposeBlock(block);
        }
        yield { model: last, message: `indexed ${indexed} of ${n} samples` };
      }
      return {
        stopReason: 'completed',
        converged: true,
        message: `indexed ${n} samples of ${d} features in ${total} steps (k=${o.k}, ${o.weights} weights)`,
      };
    } finally {
      // Stopped early: build the last step's index, the model now, before its blocks go.
      if (last?.pending) {
        await activateBackend(o.backend);
        last.tensors();
      }
      for (const block of blocks) disposeBlock(block);
    }
  }
  return {
    unit: 'step',
    total,
    description: `k-nearest neighbours (k=${o.k}, ${o.weights} weights, brute force, batchSize=${o.batchSize}) on the ${o.backend} backend: indexing ${n} samples in ${total} steps`,
    ...(note ? { notes: [note] } : {}),
    steps: steps(),
    watchesSignal: true,
  };
}
