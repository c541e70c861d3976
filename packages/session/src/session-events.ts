import type {
  EvaluationSchedule,
  FitResult,
  ImageSet,
  OptionDescription,
  ProgressEvent,
  ProgressUnit,
} from '@digitlab/core';

/** What is being trained on what, known once the data is loaded and the fit has started. */
export interface SessionInfo {
  readonly dataset: string;
  readonly nTrain: number;
  readonly nTest: number;
  readonly numFeatures: number;
  readonly classNames: readonly string[];
  /** How the training set was drawn, e.g. "1000 per class" or "full". */
  readonly sampling: string;
  readonly classifier: string;
  /** The classifier's validated options. */
  readonly classifierOptions: Readonly<Record<string, unknown>>;
  /**
   * The plugin's options as its schema describes them, with the metadata (`group`, `header`,
   * `solvers`, `selectsSolver`) that tells a front end where to show each one.
   */
  readonly optionDescriptions: readonly OptionDescription[];
  /** The solver's name: the value of the option whose metadata says it selects the solver. */
  readonly optimizer?: string;
  /** The plugin's own one-line description of its solver and settings (the start event's). */
  readonly optimizerDescription: string;
  /** What one progress step is (the start event's unit; `step` if training never started). */
  readonly unit: ProgressUnit;
  readonly backend: string;
  /** Why the backend differs from the one asked for, if it does. */
  readonly backendNote?: string;
  /** What the plugin said the user should know before training (its start event's notes). */
  readonly notes: readonly string[];
  /** When the test split is evaluated while training (the last step always is). */
  readonly evalEvery: EvaluationSchedule;
  /** What progress points' `evaluations` count, in the plugin's words ('f-evals', 'batches'). */
  readonly evaluationsUnit?: string;
  readonly seed: number;
}

/**
 * One progress event, reduced to what the dashboard and the reports show: `evaluations` counts
 * in `SessionInfo.evaluationsUnit` (f-evals, batches), `elapsedMs` excludes held-out evaluation.
 */
export type ProgressPoint = Pick<
  ProgressEvent,
  | 'step'
  | 'total'
  | 'evaluations'
  | 'objective'
  | 'gradientNorm'
  | 'trainAccuracy'
  | 'elapsedMs'
  | 'message'
>;

/** Per-class scores, in class order. */
export interface ClassScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

/** An off-diagonal confusion: `count` samples of `trueClass` predicted as `predictedClass`. */
export interface ConfusedPairSummary {
  readonly trueClass: number;
  readonly predictedClass: number;
  readonly count: number;
  /** Share of `trueClass`'s samples lost to this confusion. */
  readonly rate: number;
}

/** The held-out metrics of one evaluation, computed once in the session so views stay cheap. */
export interface EvaluationSummary {
  readonly step: number;
  readonly accuracy: number;
  readonly numClasses: number;
  /** Raw counts, row-major, rows = true class. */
  readonly counts: Int32Array;
  /** Samples counted (n_test). */
  readonly total: number;
  readonly perClass: readonly ClassScores[];
  readonly macroF1: number;
  readonly confusedPairs: readonly ConfusedPairSummary[];
  /** Wall time the evaluation took (so far, for a partial one), ms. */
  readonly elapsedMs: number;
}

/** The model's image-shaped arrays (see `Classifier.inspect`) at a held-out evaluation. */
export interface ModelImages {
  readonly step: number;
  /** Empty when the classifier has nothing image-shaped to show (k-NN, features that are not images). */
  readonly sets: readonly ImageSet[];
  /** Why the images could not be read, when `inspect` failed (training carries on). */
  readonly error?: string;
}

/** One misclassified test sample. */
export interface Mistake {
  /** Row in the test set. */
  readonly index: number;
  readonly trueClass: number;
  readonly predictedClass: number;
  /** The sample's features, height × width row-major, when the data are 2-D images. */
  readonly pixels?: Float32Array;
}

/** Some of the test samples one held-out evaluation got wrong, enough for a panel of digits. */
export interface MistakeSample {
  readonly step: number;
  /** How many test samples were wrong, of `total`; `mistakes` holds a few of them. */
  readonly wrong: number;
  readonly total: number;
  /** [height, width] of `pixels`; absent when the samples are not 2-D images. */
  readonly shape?: readonly [number, number];
  readonly mistakes: readonly Mistake[];
}

/** How far an evaluation in progress (of the held-out set, or of the training set) has got. */
export interface EvaluationProgress {
  /** The step whose parameters are being evaluated. */
  readonly step: number;
  /** Samples predicted so far, of `total`. */
  readonly done: number;
  readonly total: number;
  /** Wall time spent on this evaluation so far (ms). */
  readonly elapsedMs: number;
  /** Held-out samples predicted per second so far; absent until time has been measured. */
  readonly samplesPerSecond?: number;
  /** Seconds left at that rate; absent with the rate. */
  readonly etaSeconds?: number;
}

/** How a fit ended: the fit's result, its last held-out evaluation reduced to the accuracy. */
export interface FitOutcome extends Omit<FitResult, 'evaluation'> {
  readonly testAccuracy?: number;
}

/** Everything a training session tells its subscribers, in order. */
export type SessionEvent =
  | { readonly type: 'loading'; readonly message: string }
  | {
      readonly type: 'started';
      readonly info: SessionInfo;
      readonly unit: ProgressUnit;
      readonly total?: number;
    }
  | { readonly type: 'progress'; readonly point: ProgressPoint }
  | { readonly type: 'evaluated'; readonly summary: EvaluationSummary }
  /** While the held-out set is predicted in batches: how far, and the matrix of the part done. */
  | {
      readonly type: 'evaluating';
      readonly progress: EvaluationProgress;
      readonly partial: EvaluationSummary;
    }
  /**
   * While the training set is predicted in batches to measure a training accuracy the plugin does
   * not report (after a held-out evaluation, and at the end): how far.
   */
  | { readonly type: 'measuringTrainAccuracy'; readonly progress: EvaluationProgress }
  /** After an evaluation (throttled) and at the end, when the session tracks images. */
  | { readonly type: 'images'; readonly images: ModelImages }
  | { readonly type: 'mistakes'; readonly sample: MistakeSample }
  | { readonly type: 'paused' }
  | { readonly type: 'resumed' }
  | { readonly type: 'finished'; readonly outcome: FitOutcome }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'saving'; readonly dir: string }
  | { readonly type: 'saved'; readonly dir: string }
  | { readonly type: 'saveFailed'; readonly dir: string; readonly message: string }
  /** A checkpoint of the fit after `step` steps was written to `dir` (`complete`: at its end). */
  | {
      readonly type: 'checkpointed';
      readonly dir: string;
      readonly step: number;
      readonly complete: boolean;
    }
  | { readonly type: 'checkpointFailed'; readonly dir: string; readonly message: string }
  | { readonly type: 'reporting'; readonly dir: string }
  /** A report was written to `dir`; `path` is its main file, `note` e.g. the figures' render times. */
  | {
      readonly type: 'reported';
      readonly dir: string;
      readonly path: string;
      readonly note?: string;
    }
  | { readonly type: 'reportFailed'; readonly dir: string; readonly message: string };
