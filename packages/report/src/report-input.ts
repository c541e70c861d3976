import type { ImageSet, ProgressEvent, ProgressUnit } from '@digitlab/core';
import type { RunLabel, StopMark } from '@digitlab/figures';

/** One row of the settings table: a name and its value as the reader should see it. */
export interface ReportSetting {
  readonly name: string;
  readonly value: string;
}

/**
 * One progress event of a training run as plain data, with the held-out accuracy at the steps
 * where it was evaluated; quantities the run did not report are left out.
 */
export interface HistoryPoint
  extends Pick<
      ProgressEvent,
      'step' | 'total' | 'evaluations' | 'objective' | 'gradientNorm' | 'trainAccuracy' | 'message'
    >,
    Partial<Pick<ProgressEvent, 'elapsedMs'>> {
  readonly testAccuracy?: number;
}

/** A training run's history: every progress event, the unit they count and where training stopped. */
export interface TrainingHistory {
  readonly unit: ProgressUnit;
  readonly points: readonly HistoryPoint[];
  /** Where and why training stopped; left out while it is still running. */
  readonly stop?: StopMark;
}

/** The model's predictions on the held-out set the report describes. */
export interface HeldOutPredictions {
  /** True class of each held-out sample. */
  readonly labels: ArrayLike<number>;
  /** Predicted class of each held-out sample. */
  readonly predictions: ArrayLike<number>;
  /**
   * Class probabilities (predictProba), numSamples × numClasses row-major: how sure the model was
   * of each prediction, for the most confident mistakes. Without them that figure is left out.
   */
  readonly probabilities?: ArrayLike<number>;
  /** Which split the samples come from, for captions; default 'test'. */
  readonly split?: string;
}

/** The held-out images themselves, for the misclassified figure. */
export interface HeldOutImages {
  /** numSamples images of height × width values, row-major, one after another. */
  readonly values: ArrayLike<number>;
  /** [height, width] of each image. */
  readonly shape: readonly [number, number];
  /** Pixel values drawn white and black; default the smallest and largest value shown. */
  readonly valueRange?: readonly [number, number];
}

/** Everything a report shows, as plain data: no plugin, no session, no tensors. */
export interface ReportInput {
  /** The model and dataset: the page's heading and the figures' titles. */
  readonly run: Required<RunLabel>;
  /** The settings table, in order. */
  readonly settings: readonly ReportSetting[];
  /** The run's result as the command line's `--json` prints it; written to result.json as it is. */
  readonly result: object;
  /** One name per class, in label order. */
  readonly classNames: readonly string[];
  readonly heldOut: HeldOutPredictions;
  readonly images?: HeldOutImages;
  /** The training history, or why there is none (e.g. a saved model keeps no history). */
  readonly history: TrainingHistory | { readonly missing: string };
  /** Image-shaped parameters (Classifier.inspect()); none means no weights figure. */
  readonly imageSets?: readonly ImageSet[];
  /** Things the reader should know (backend fallbacks, convergence warnings). */
  readonly notes?: readonly string[];
  /** When the report was made; default now. */
  readonly generatedAt?: Date;
}
