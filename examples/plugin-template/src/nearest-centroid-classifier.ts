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
import { addRows, centroidsFromSums, createClassSums } from './class-sums.js';
import { NotFittedError } from './errors.js';
import { encodeModelFile } from './model-file.js';
import {
  centroidDistances,
  type NearestCentroidModel,
  nearestClasses,
  probabilitiesFromDistances,
} from './nearest-centroid-model.js';
import type { NearestCentroidOptions } from './options.js';

/**
 * A fit reports this many progress steps (fewer when there are fewer rows). Nearest centroid is a
 * single pass, but a pass in steps lets the dashboard draw progress, pause and stop it.
 */
export const FIT_STEPS = 10;

/** A trained model rebuilt from a saved artifact. */
export interface RestoredModel {
  readonly model: NearestCentroidModel;
  readonly metadata: ModelMetadata;
}

/**
 * Nearest-centroid classification (scikit-learn's NearestCentroid, plus optional shrinkage and
 * softmax probabilities). `fit` averages the training rows of each class in FIT_STEPS chunks; after
 * each chunk the centroids of the rows seen so far are the model, so held-out evaluation, `save()`
 * and an abort in the middle of a fit all see a usable (partial) model.
 */
export class NearestCentroidClassifier implements Classifier {
  private model: NearestCentroidModel | undefined;
  private metadata: ModelMetadata | undefined;
  private fitting = false;
  private disposed = false;
  // dispose() during a fit aborts it, so the fit ends at its next step.
  private readonly lifetime = new AbortController();

  constructor(
    readonly plugin: string,
    readonly options: NearestCentroidOptions,
    restored?: RestoredModel,
  ) {
    if (restored) {
      this.model = restored.model;
      this.metadata = restored.metadata;
    }
  }

  get fitted(): boolean {
    return this.model !== undefined;
  }

  /**
   * Average `train` per class in up to FIT_STEPS steps, streaming a start event, one progress event
   * per step and an end event. An abort or leaving the loop early keeps the rows seen by then.
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
    validateTrainingData(train);
    const { numSamples: n, numFeatures: d, numClasses: k } = train;
    const o = this.options;
    // Evaluate with the model of this fit, not through this.predict: that one checks disposal.
    let current: NearestCentroidModel | undefined;
    const evaluator = createHeldOutEvaluator(fitOptions.evaluate, d, async (features) =>
      nearestClasses(centroidDistances(current as NearestCentroidModel, o.metric, features), k),
    );
    const signal = fitOptions.signal
      ? AbortSignal.any([fitOptions.signal, this.lifetime.signal])
      : this.lifetime.signal;
    const rowsPerStep = Math.ceil(n / FIT_STEPS);
    const total = Math.ceil(n / rowsPerStep);
    const sums = createClassSums(d, k);
    const clock = new Stopwatch();
    this.fitting = true;
    try {
      yield {
        type: 'start',
        unit: 'step',
        total,
        numSamples: n,
        numFeatures: d,
        numClasses: k,
        description: `nearest centroid (${o.metric} distance, shrinkage ${o.shrinkage}, temperature ${o.temperature}): averaging ${n} samples in ${total} steps`,
      };
      clock.start();
      let seen = 0;
      let step = 0;
      let evaluation: HeldOutEvaluation | undefined;
      while (seen < n && !signal.aborted) {
        const end = Math.min(n, seen + rowsPerStep);
        addRows(sums, train.features, train.labels, seen, end);
        seen = end;
        step++;
        current = centroidsFromSums(sums, o.shrinkage);
        this.model = current;
        this.metadata = describeTraining(train, o, seen);
        clock.stop();
        const final = seen === n;
        const now = evaluator?.due(step, final) ? await evaluator.run(step) : undefined;
        evaluation = now ?? evaluation;
        yield {
          type: 'progress',
          unit: 'step',
          step,
          total,
          elapsedMs: clock.elapsedMs,
          message: `averaged ${seen} of ${n} samples`,
          ...(now ? { evaluation: now } : {}),
        };
        // Time spent suspended at the yield (a paused dashboard) is not fit time.
        clock.start();
      }
      clock.stop();
      const aborted = seen < n;
      // An aborted fit never reached its final step: evaluate the partial model it leaves behind.
      if (aborted && current && evaluator?.due(step, true)) evaluation = await evaluator.run(step);
      const result: FitResult = {
        stopReason: aborted ? 'aborted' : 'completed',
        converged: !aborted,
        message: aborted
          ? `aborted after averaging ${seen} of ${n} samples (${step} of ${total} steps)`
          : `averaged ${n} samples into ${describeCentroids(sums.counts, train.classNames)} in ${total} steps`,
        steps: step,
        fitSeconds: clock.elapsedMs / 1000,
        ...(evaluation ? { evaluation } : {}),
      };
      yield { type: 'end', result };
      return result;
    } finally {
      // Also reached when the consumer leaves the loop early (return()): the model keeps the
      // rows seen by then. A plugin holding tensors or workers would release them here.
      this.fitting = false;
    }
  }

  /** Class probabilities, numSamples × numClasses row-major: softmax of -distance / temperature. */
  async predictProba(features: Float32Array): Promise<Float32Array> {
    const model = this.requireModel('predictProba');
    validateFeatures(features, model.numFeatures, 'predictProba features');
    const distances = centroidDistances(model, this.options.metric, features);
    return probabilitiesFromDistances(distances, model.numClasses, this.options.temperature);
  }

  /** The class of the nearest centroid; equal distances go to the smallest class index. */
  async predict(features: Float32Array): Promise<Int32Array> {
    const model = this.requireModel('predict');
    validateFeatures(features, model.numFeatures, 'predict features');
    return nearestClasses(
      centroidDistances(model, this.options.metric, features),
      model.numClasses,
    );
  }

  /** Mean accuracy on a labelled dataset. */
  async score(data: Dataset): Promise<number> {
    const model = this.requireModel('score');
    return scoreDataset(data, model.numFeatures, (features) => this.predict(features));
  }

  /** The model as nearest-centroid.json plus the training data's metadata. */
  async save(): Promise<ModelArtifact> {
    const model = this.requireModel('save');
    return {
      plugin: this.plugin,
      metadata: this.metadata as ModelMetadata,
      files: encodeModelFile(model, this.options),
    };
  }

  /** Forget the centroids and stop a running fit at its next step; unusable afterwards. */
  dispose(): void {
    this.disposed = true;
    this.model = undefined;
    this.lifetime.abort();
  }

  private requireModel(operation: string): NearestCentroidModel {
    this.assertUsable(operation);
    if (!this.model) throw new NotFittedError(operation);
    return this.model;
  }

  private assertUsable(operation: string): void {
    if (this.disposed) {
      throw new ClassifierInputError(
        `${operation}: expected a live classifier, found one that was disposed`,
      );
    }
  }
}

/** Check what the math relies on: whole rows of finite values and labels in [0, numClasses). */

/** What a saved model records about its training data (core checks the first five fields). */
function describeTraining(
  train: Dataset,
  options: NearestCentroidOptions,
  samplesUsed: number,
): ModelMetadata {
  return {
    numFeatures: train.numFeatures,
    numClasses: train.numClasses,
    classNames: [...train.classNames],
    imageShape: [...train.imageShape],
    preprocessing: preprocessingToJson(train.preprocessing),
    dataset: train.name,
    training: { ...options, split: train.split, numSamples: samplesUsed },
  };
}

/** "10 centroids", or which classes had no samples and so can never be predicted. */
function describeCentroids(counts: Float64Array, classNames: readonly string[]): string {
  const missing = classNames.filter((_, c) => (counts[c] ?? 0) === 0);
  const found = counts.length - missing.length;
  return missing.length === 0
    ? `${found} centroids`
    : `${found} centroids (no samples of class ${missing.map((name) => `'${name}'`).join(', ')}: never predicted)`;
}
