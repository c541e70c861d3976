import type { Dataset } from '@digitlab/datasets';
import type { EvaluationSchedule } from './evaluation-schedule.js';
import type { CheckpointOptions, FitCheckpoint } from './fit-checkpoint.js';
import type { ImageSet } from './image-set.js';
import type { ModelArtifact } from './model-artifact.js';
import type { FitResult, TrainingEvent } from './training-event.js';

/** Held-out evaluation during training: predict `data` on a schedule. */
export interface EvaluateOptions {
  readonly data: Dataset;
  /**
   * When to evaluate (default `'auto'`: by time, see `AUTO_SCHEDULE`); n ≥ 1 after every n-th
   * step; 0 only at the end. The final parameters are always evaluated.
   */
  readonly every?: EvaluationSchedule;
}

/** Options every classifier's `fit` accepts, whatever its training method. */
export interface FitOptions {
  /** Aborting stops training at the next step; the fit then ends with stop reason 'aborted'. */
  readonly signal?: AbortSignal;
  readonly evaluate?: EvaluateOptions;
  /**
   * When the plugin does not report training accuracy, measure it by predicting the training set:
   * at every held-out evaluation and at the end (`'evaluations'`), or at the end only (`'end'`).
   */
  readonly trainAccuracy?: 'evaluations' | 'end';
  /**
   * Facts about the run that the caller knows and the plugin does not (how the data was sampled,
   * the seed, the backend…), recorded under `metadata.training` of the saved model.
   */
  readonly provenance?: Readonly<Record<string, unknown>>;
  /**
   * Start from the parameters of `from`, a fitted classifier of the same plugin (a regularization
   * path: each setting starts at the previous one's solution, as scikit-learn's
   * LogisticRegressionCV does along Cs). Plugins that cannot warm start (`warmStarts` false) fit
   * from scratch, as they do when `from` is unfitted or of another plugin.
   */
  readonly warmStartFrom?: Classifier;
  /** Write checkpoints of the fit (periodically, at its end and when aborted), to resume it later. */
  readonly checkpoint?: CheckpointOptions;
  /**
   * Continue the fit a checkpoint holds (same plugin, options and data, else a
   * ClassifierInputError): it ends with the parameters the uninterrupted fit would have.
   */
  readonly resume?: FitCheckpoint;
}

/**
 * A trained or trainable model. `fit` streams events and is paused simply by not pulling the next
 * one; leaving a `for await` loop early stops training and releases its resources.
 */
export interface Classifier {
  /** Name of the plugin that made this classifier. */
  readonly plugin: string;
  /** The validated options it was created with. */
  readonly options: Readonly<Record<string, unknown>>;
  /** True once `fit` has produced parameters (or after loading a saved model). */
  readonly fitted: boolean;
  /** Whether `fit` can start from another classifier's parameters (`FitOptions.warmStartFrom`). */
  readonly warmStarts?: boolean;
  /** Train on `train`, streaming a start event, progress events and an end event. */
  fit(train: Dataset, options?: FitOptions): AsyncGenerator<TrainingEvent, FitResult, undefined>;
  /** Class probabilities, numSamples × numClasses row-major, for row-major `features`. */
  predictProba(features: Float32Array): Promise<Float32Array>;
  /** The most probable class of each row of `features`. */
  predict(features: Float32Array): Promise<Int32Array>;
  /** Mean accuracy on a labelled dataset. */
  score(data: Dataset): Promise<number>;
  /** The model as files plus metadata, ready for `saveModel`. */
  save(): Promise<ModelArtifact>;
  /** Release tensors and workers; the classifier is unusable afterwards. */
  dispose(): void;
  /**
   * Optional: image-shaped arrays the model can show (a linear model's coefficients, an MLP's
   * first-layer filters, centroids), for figures and dashboards that know no plugin. Empty when
   * the model has nothing image-shaped (e.g. features that are not an image).
   */
  inspect?(): Promise<readonly ImageSet[]>;
}
