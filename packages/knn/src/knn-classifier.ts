import {
  type Classifier,
  ClassifierInputError,
  createHeldOutEvaluator,
  type FitOptions,
  type FitResult,
  type HeldOutEvaluation,
  type ModelArtifact,
  type ModelMetadata,
  preprocessingToJson,
  Stopwatch,
  scoreDataset,
  type TrainingEvent,
  validateFeatures,
  validateTrainingData,
} from '@digitlab/core';
import type { Dataset } from '@digitlab/datasets';
import { activateBackend } from '@digitlab/tfjs-backend';
import { NotFittedError } from './errors.js';
import { encodeKnnFiles } from './knn-artifact.js';
import { neighbourBatches } from './neighbour-batches.js';
import { disposeBlock, type IndexBlock, indexBlock, NeighbourIndex } from './neighbour-index.js';
import type { KnnOptions } from './options.js';

import { argmaxLowest, neighbourVotes } from './vote.js';

/** Indexing is reported in this many progress steps (fewer when a step must hold k rows). */
export const INDEX_STEPS = 10;

/** A trained model rebuilt from a saved artifact. */
export interface RestoredKnn {
  readonly index: NeighbourIndex;
  readonly metadata: ModelMetadata;
}

/** The k nearest training samples of each query, nearest first. */
export interface Neighbours {
  readonly k: number;
  /** numQueries × k training-row indices, row-major. */
  readonly indices: Int32Array;
  /** numQueries × k Euclidean distances, ascending along each row. */
  readonly distances: Float32Array;
}

/**
 * k-nearest neighbours (scikit-learn's KNeighborsClassifier with the brute-force algorithm) on a
 * TensorFlow.js backend. `fit` only indexes: it uploads the training set in steps and precomputes
 * squared norms; all the work happens in batched queries at prediction time.
 */
export class KnnClassifier implements Classifier {
  private index: NeighbourIndex | undefined;
  private metadata: ModelMetadata | undefined;
  private fitting = false;
  private disposed = false;
  // Blocks of a fit in progress, so dispose() can free them even if the fit is never resumed.
  private inflight: IndexBlock[] = [];
  private readonly lifetime = new AbortController();

  constructor(
    readonly plugin: string,
    readonly options: KnnOptions,
    restored?: RestoredKnn,
  ) {
    if (restored) {
      this.index = restored.index;
      this.metadata = restored.metadata;
    }
  }

  get fitted(): boolean {
    return this.index !== undefined;
  }

  /**
   * Index `train` in up to INDEX_STEPS steps, streaming a start event, one progress event per step
   * (held-out predictions use the rows indexed so far) and an end event. An abort or leaving the
   * loop early keeps the rows indexed by then as the model.
   */
  async *fit(
    train: Dataset,
    fitOptions: FitOptions = {},
  ): AsyncGenerator<TrainingEvent, FitResult, undefined> {
    this.assertUsable('fit');
    if (this.fitting) {
      throw new ClassifierInputError(
        'fit: expected the previous fit of this classifier to have ended, found it still running',
      );
    }
    const o = this.options;
    validateTrainingData(train, { minClasses: 1 });
    const { numSamples: n, numFeatures: d, numClasses } = train;
    if (o.k > n) {
      throw new ClassifierInputError(
        `fit: expected k ≤ the number of training samples, found k = ${o.k} with ${n} samples in training data '${train.name}' ${train.split} (lower k or use more data)`,
      );
    }
    const blocks: IndexBlock[] = [];
    let indexed = 0;
    let adopted = false;
    const ensureBackend = () => activateBackend(o.backend);
    const adopt = () => {
      if (!this.disposed && blocks.length > 0) {
        const next = NeighbourIndex.fromBlocks(blocks, train.labels.slice(0, indexed), numClasses);
        this.index?.dispose();
        this.index = next;
        this.metadata = describeTraining(train, o, indexed);
        adopted = true;
      }
      for (const block of blocks.splice(0)) disposeBlock(block);
    };
    const heldOut = createHeldOutEvaluator(fitOptions.evaluate, d, async (features) => {
      if (adopted) return this.predict(features);
      const partial = NeighbourIndex.fromBlocks(blocks, train.labels.slice(0, indexed), numClasses);
      try {
        return await this.classify(partial, features, 'evaluate');
      } finally {
        partial.dispose();
      }
    });
    // dispose() during an evaluation frees the index being searched: that evaluation is dropped
    // and the fit ends as aborted, like a dispose() between steps.
    const evaluate = async (step: number): Promise<HeldOutEvaluation | undefined> => {
      if (!heldOut || this.disposed) return undefined;
      try {
        return await heldOut.run(step);
      } catch (error) {
        if (this.disposed) return undefined;
        throw error;
      }
    };
    const signal = fitOptions.signal
      ? AbortSignal.any([fitOptions.signal, this.lifetime.signal])
      : this.lifetime.signal;
    const rowsPerStep = Math.max(o.k, Math.ceil(n / INDEX_STEPS));
    const total = Math.ceil(n / rowsPerStep);
    const clock = new Stopwatch();
    this.fitting = true;
    this.inflight = blocks;
    try {
      // Backend start-up (wasm compilation) happens once per process: not part of this fit's time.
      await ensureBackend();
      yield {
        type: 'start',
        unit: 'step',
        total,
        numSamples: n,
        numFeatures: d,
        numClasses,
        description: `k-nearest neighbours (k=${o.k}, ${o.weights} weights, batchSize=${o.batchSize}) on the ${o.backend} backend: indexing ${n} samples in ${total} steps`,
      };
      clock.start();
      let step = 0;
      let evaluation: HeldOutEvaluation | undefined;
      while (indexed < n && !signal.aborted) {
        await ensureBackend();
        const end = Math.min(n, indexed + rowsPerStep);
        blocks.push(indexBlock(train.features.subarray(indexed * d, end * d), end - indexed, d));
        indexed = end;
        step++;
        const final = indexed === n;
        if (final) adopt();
        clock.stop();
        const current = heldOut?.due(step, final) ? await evaluate(step) : undefined;
        evaluation = current ?? evaluation;
        yield {
          type: 'progress',
          unit: 'step',
          step,
          total,
          elapsedMs: clock.elapsedMs,
          message: `indexed ${indexed} of ${n} samples`,
          ...(current ? { evaluation: current } : {}),
        };
        clock.start();
      }
      const aborted = indexed < n || this.disposed;
      if (aborted) {
        await ensureBackend();
        adopt();
      }
      clock.stop();
      // An abort leaves no step flagged final: evaluate the rows indexed by then.
      if (adopted && heldOut?.due(step, true)) evaluation = (await evaluate(step)) ?? evaluation;
      const result: FitResult = {
        stopReason: aborted ? 'aborted' : 'completed',
        converged: !aborted,
        message: aborted
          ? `aborted after indexing ${indexed} of ${n} samples (${step} of ${total} steps)`
          : `indexed ${n} samples of ${d} features in ${total} steps (k=${o.k}, ${o.weights} weights)`,
        steps: step,
        fitSeconds: clock.elapsedMs / 1000,
        ...(evaluation ? { evaluation } : {}),
      };
      yield { type: 'end', result };
      return result;
    } finally {
      this.fitting = false;
      // Leaving the loop early lands here with unadopted blocks: keep them as the model.
      if (blocks.length > 0 && !this.disposed) await ensureBackend();
      adopt();
      this.inflight = [];
    }
  }

  /** Class probabilities, numSamples × numClasses row-major: the neighbours' (weighted) vote fractions. */
  async predictProba(features: Float32Array): Promise<Float32Array> {
    const index = this.requireIndex('predictProba');
    const n = validateFeatures(features, index.numFeatures, 'predictProba features');
    const c = index.numClasses;
    const out = new Float32Array(n * c);
    await this.vote(index, features, n, 'predictProba', (row, votes) => out.set(votes, row * c));
    return out;
  }

  /** The class with the most (weighted) votes; ties go to the smallest class index. */
  async predict(features: Float32Array): Promise<Int32Array> {
    const index = this.requireIndex('predict');
    return this.classify(index, features, 'predict');
  }

  /** The k nearest training samples of each row and their Euclidean distances, nearest first. */
  async kneighbors(features: Float32Array): Promise<Neighbours> {
    const index = this.requireIndex('kneighbors');
    const n = validateFeatures(features, index.numFeatures, 'kneighbors features');
    const k = this.options.k;
    const indices = new Int32Array(n * k);
    const distances = new Float32Array(n * k);
    const order = Array.from({ length: k }, (_, j) => j);
    for await (const batch of neighbourBatches(index, features, n, {
      k,
      batchSize: this.options.batchSize,
      withDistances: true,
      beforeBatch: () => this.beforeBatch('kneighbors'),
    })) {
      const sq = batch.sqDistances as Float32Array;
      for (let r = 0; r < batch.rows; r++) {
        const at = (j: number) => r * k + j;
        // Exact distances decide the order; equal ones keep the lower training row first.
        order.sort(
          (a, b) =>
            (sq[at(a)] as number) - (sq[at(b)] as number) ||
            (batch.indices[at(a)] as number) - (batch.indices[at(b)] as number),
        );
        const row = batch.start + r;
        order.forEach((j, rank) => {
          indices[row * k + rank] = batch.indices[at(j)] as number;
          distances[row * k + rank] = Math.sqrt(Math.max(0, sq[at(j)] as number));
        });
      }
    }
    return { k, indices, distances };
  }

  /** Mean accuracy on a labelled dataset. */
  async score(data: Dataset): Promise<number> {
    const index = this.requireIndex('score');
    return scoreDataset(data, index.numFeatures, (features) => this.predict(features));
  }

  /** The model as knn.json, train-features.bin and train-labels.bin plus the training data's metadata. */
  async save(): Promise<ModelArtifact> {
    const index = this.requireIndex('save');
    await activateBackend(this.options.backend);
    const files = encodeKnnFiles({
      k: this.options.k,
      weights: this.options.weights,
      numFeatures: index.numFeatures,
      numClasses: index.numClasses,
      features: index.rows(),
      labels: index.labels,
    });
    return { plugin: this.plugin, metadata: this.metadata as ModelMetadata, files };
  }

  /** Free the indexed training set and stop a running fit; the classifier is unusable afterwards. */
  dispose(): void {
    this.disposed = true;
    this.index?.dispose();
    this.index = undefined;
    for (const block of this.inflight.splice(0)) disposeBlock(block);
    this.lifetime.abort();
  }

  private async classify(
    index: NeighbourIndex,
    features: Float32Array,
    operation: string,
  ): Promise<Int32Array> {
    const n = validateFeatures(features, index.numFeatures, `${operation} features`);
    const out = new Int32Array(n);
    await this.vote(index, features, n, operation, (row, votes) => {
      out[row] = argmaxLowest(votes);
    });
    return out;
  }

  private async vote(
    index: NeighbourIndex,
    features: Float32Array,
    n: number,
    operation: string,
    onRow: (row: number, votes: Float64Array) => void,
  ): Promise<void> {
    const { k, weights, batchSize } = this.options;
    const votes = new Float64Array(index.numClasses);
    const labels = new Uint8Array(k);
    for await (const batch of neighbourBatches(index, features, n, {
      k,
      batchSize,
      withDistances: weights === 'distance',
      beforeBatch: () => this.beforeBatch(operation),
    })) {
      for (let r = 0; r < batch.rows; r++) {
        for (let j = 0; j < k; j++)
          labels[j] = index.labels[batch.indices[r * k + j] as number] as number;
        neighbourVotes(labels, batch.sqDistances?.subarray(r * k, (r + 1) * k), weights, votes);
        onRow(batch.start + r, votes);
      }
    }
  }

  private async beforeBatch(operation: string): Promise<void> {
    this.assertUsable(operation);
    await activateBackend(this.options.backend);
  }

  private requireIndex(operation: string): NeighbourIndex {
    this.assertUsable(operation);
    if (!this.index) throw new NotFittedError(operation);
    return this.index;
  }

  private assertUsable(operation: string): void {
    if (this.disposed) {
      throw new ClassifierInputError(
        `${operation}: expected a live classifier, found one that was disposed`,
      );
    }
  }
}

function describeTraining(train: Dataset, o: KnnOptions, indexed: number): ModelMetadata {
  return {
    numFeatures: train.numFeatures,
    numClasses: train.numClasses,
    classNames: [...train.classNames],
    imageShape: [...train.imageShape],
    preprocessing: preprocessingToJson(train.preprocessing),
    dataset: train.name,
    training: { k: o.k, weights: o.weights, numSamples: indexed, split: train.split },
  };
}
