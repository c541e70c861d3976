/** How a classifier counts its training progress. */
export type ProgressUnit = 'iteration' | 'epoch' | 'step';

/**
 * Why training stopped. The known reasons cover gradient solvers and non-iterative models; a plugin
 * may report its own reason as any other string.
 */
export type StopReason =
  | 'gtol'
  | 'ftol'
  | 'max-iter'
  | 'max-eval'
  | 'epochs'
  | 'early-stopping'
  | 'completed'
  | 'aborted'
  | 'line-search-failed'
  | (string & {});

/** Predictions on the held-out set, computed while training. */
export interface HeldOutEvaluation {
  /** The progress step (iteration, epoch, …) the predictions belong to. */
  readonly step: number;
  readonly predictions: Int32Array;
  /** True labels of the held-out samples, aligned with `predictions`. */
  readonly labels: Uint8Array;
  readonly numClasses: number;
  readonly accuracy: number;
  /** Wall time spent evaluating, excluded from the fit time. */
  readonly elapsedMs: number;
}

/** Emitted once, before any work, so a display can size its progress bar. */
export interface StartEvent {
  readonly type: 'start';
  readonly unit: ProgressUnit;
  /** The most steps training can take (max_iter, epochs, …), when known. */
  readonly total?: number;
  readonly numSamples: number;
  readonly numFeatures: number;
  readonly numClasses: number;
  /** One line: solver and its settings, for headers and logs. */
  readonly description: string;
  /** Things the user should see before training starts (e.g. a backend fallback). */
  readonly notes?: readonly string[];
  /** What progress events' `evaluations` count, as a short plural noun (e.g. 'f-evals', 'batches'). */
  readonly evaluationsUnit?: string;
  /**
   * True when the classifier does not measure its training accuracy even when asked (a model that
   * memorizes its rows, as k-NN does): a display shows none rather than measuring it itself.
   */
  readonly skipsTrainAccuracy?: boolean;
}

/** Emitted after each step of training (an iteration, an epoch, or a chunk of a one-pass fit). */
export interface ProgressEvent {
  readonly type: 'progress';
  readonly unit: ProgressUnit;
  readonly step: number;
  readonly total?: number;
  /** Objective function evaluations so far (gradient solvers). */
  readonly evaluations?: number;
  readonly objective?: number;
  /** max |g_i|, the quantity scikit-learn's `tol` is compared with. */
  readonly gradientNorm?: number;
  readonly stepSize?: number;
  readonly learningRate?: number;
  /** Training-set accuracy of the current parameters, when the plugin computes it cheaply. */
  readonly trainAccuracy?: number;
  /** Fit time so far in milliseconds, held-out evaluation excluded. */
  readonly elapsedMs: number;
  /** Present when held-out evaluation ran at this step. */
  readonly evaluation?: HeldOutEvaluation;
  /** Free text for steps that are not numeric (e.g. "indexed 6000 of 10000 samples"). */
  readonly message?: string;
}

/**
 * What an evaluating event is predicting: the held-out set (an evaluation, whose partial matrix a
 * display can draw), or the training set, to measure the training accuracy the plugin does not
 * report (`FitOptions.trainAccuracy`).
 */
export type EvaluatedSet = 'held-out' | 'training';

/**
 * Emitted while a set is being predicted in batches, before the progress event (or the end event)
 * that carries the result, so a display can show how far it is and, for the held-out set, a
 * partial matrix.
 */
export interface EvaluatingEvent {
  readonly type: 'evaluating';
  /** Which set: the held-out set, or the training set for the training accuracy. */
  readonly set: EvaluatedSet;
  /** The step whose parameters are being evaluated. */
  readonly step: number;
  /** Samples predicted so far, of `total`. */
  readonly done: number;
  readonly total: number;
  /** Predictions of the first `done` samples. */
  readonly predictions: Int32Array;
  /** True labels of the samples (all `total`). */
  readonly labels: Uint8Array;
  readonly numClasses: number;
  /** Wall time spent on this evaluation so far (excluded from the fit time). */
  readonly elapsedMs: number;
}

/** The outcome of a fit. */
export interface FitResult {
  readonly stopReason: StopReason;
  readonly converged: boolean;
  /** In words: which criterion stopped training, with its numbers. */
  readonly message: string;
  /** Advice when training stopped without converging (scikit-learn's ConvergenceWarning). */
  readonly warning?: string;
  readonly steps: number;
  readonly evaluations?: number;
  readonly objective?: number;
  /** Wall time of fitting alone: no data loading, no held-out evaluation. */
  readonly fitSeconds: number;
  /** The last held-out evaluation, when one was requested. */
  readonly evaluation?: HeldOutEvaluation;
  /** Training-set accuracy of the final parameters, when the plugin reported it or it was asked for. */
  readonly trainAccuracy?: number;
}

/** The last event of every fit. */
export interface EndEvent {
  readonly type: 'end';
  readonly result: FitResult;
}

/**
 * Everything `Classifier.fit` streams, in order: one start, any number of progress events (each
 * possibly preceded by evaluating events of its held-out evaluation), one end.
 */
export type TrainingEvent = StartEvent | ProgressEvent | EvaluatingEvent | EndEvent;
