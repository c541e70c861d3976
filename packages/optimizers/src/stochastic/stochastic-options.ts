import { InvalidArgumentError } from '../errors.js';
import type { EpochProgress } from './epoch-progress.js';
import { type LearningRateSchedule, validateSchedule } from './learning-rate-schedule.js';
import type { AdamState, SgdState } from './stochastic-state.js';

/** Validation metric tracking, early stopping and restoring the best parameters. */
export interface ValidationOptions {
  /** The metric at x (x is a scratch copy: copy it if you keep it); called after every epoch. */
  readonly evaluate: (x: Float64Array) => number | Promise<number>;
  /** Whether lower ('min', default) or higher ('max') values are better. */
  readonly mode?: 'min' | 'max';
  /** Stop after this many epochs in a row without improvement. Default Infinity (never stop). */
  readonly patience?: number;
  /** An improvement must exceed this. Default 0. */
  readonly minDelta?: number;
  /** Return the parameters of the best epoch instead of the last ones. Default true. */
  readonly restoreBest?: boolean;
}

/**
 * scikit-learn MLPClassifier's stopping rule without early_stopping (`tol`, `n_iter_no_change`):
 * an epoch whose mean training loss is not below the lowest so far minus `tol` counts as one
 * without improvement, any other resets the count, and the run stops (converged) once the count
 * exceeds `epochs`.
 */
export interface PatienceOptions {
  /** An epoch improves only if its loss is below the best loss so far minus this (≥ 0). */
  readonly tol: number;
  /** Stop after more than this many epochs in a row without improvement (an integer ≥ 0). */
  readonly epochs: number;
}

/** Options shared by `sgd` and `adam`. */
export interface StochasticOptions<S = SgdState | AdamState> {
  /** Size of the index space the mini-batches are drawn from. */
  readonly numSamples: number;
  /** Samples per mini-batch; the last batch of an epoch may be smaller. Default min(200, numSamples). */
  readonly batchSize?: number;
  /** Epochs to run (counted from the very start when resuming). Default 200. */
  readonly epochs?: number;
  /** Seed of the per-epoch shuffle. Default 0. */
  readonly seed?: number;
  /** Shuffle every epoch (default true); false visits samples in index order. */
  readonly shuffle?: boolean;
  /** Base learning rate lr0. Default 0.01 for SGD, 0.001 for Adam. */
  readonly learningRate?: number;
  /** Learning-rate schedule. Default constant (when resuming: the saved run's schedule). */
  readonly schedule?: LearningRateSchedule;
  /**
   * L2 penalty λ: λ·x is added to every mini-batch gradient (the gradient of (λ/2)‖x‖²), before
   * clipping. The reported loss is the objective's value without the penalty. Default 0.
   */
  readonly weightDecay?: number;
  /** Rescale the gradient so its 2-norm is at most this (after weight decay). Default: no clipping. */
  readonly clipNorm?: number;
  /** Track a validation metric after every epoch, with early stopping and best-parameter restore. */
  readonly validation?: ValidationOptions;
  /** Stop when the training loss stops improving (stopReason 'no-improvement'). Default: never. */
  readonly patience?: PatienceOptions;
  /** Also report progress every this many steps (0 = only at epoch ends). Default 0. */
  readonly progressEverySteps?: number;
  /** Abort: the run ends with stopReason 'aborted' (and the best parameters if restoreBest). */
  readonly signal?: AbortSignal;
  /** Called with every progress report (awaited if it returns a promise), before it is yielded. */
  readonly onProgress?: (progress: EpochProgress<S>) => void | Promise<void>;
}

/** Defaults shared by SGD and Adam. */
export const STOCHASTIC_DEFAULTS = {
  maxBatchSize: 200,
  epochs: 200,
  seed: 0,
  shuffle: true,
  weightDecay: 0,
  progressEverySteps: 0,
} as const;

/** Resolved options (defaults applied, ranges checked). */
export interface ResolvedStochasticOptions {
  readonly numSamples: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly seed: number;
  readonly shuffle: boolean;
  readonly learningRate: number;
  readonly schedule: LearningRateSchedule;
  readonly weightDecay: number;
  readonly clipNorm: number;
  readonly progressEverySteps: number;
  readonly validation:
    | (Required<Omit<ValidationOptions, 'evaluate'>> & Pick<ValidationOptions, 'evaluate'>)
    | undefined;
  readonly patience: PatienceOptions | undefined;
}

/**
 * Fills in defaults (`saved` supplies batchSize/seed/shuffle/schedule when resuming) and checks
 * ranges.
 */
export function resolveStochasticOptions<S>(
  options: StochasticOptions<S>,
  defaultLearningRate: number,
  saved?: {
    batchSize: number;
    seed: number;
    shuffle: boolean;
    schedule: LearningRateSchedule | null;
  },
): ResolvedStochasticOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('options', 'an object with at least numSamples', options);
  }
  const numSamples = options.numSamples;
  requireInteger('numSamples', numSamples, 1);
  const batchSize =
    options.batchSize ?? saved?.batchSize ?? Math.min(STOCHASTIC_DEFAULTS.maxBatchSize, numSamples);
  requireInteger('batchSize', batchSize, 1);
  if (batchSize > numSamples) {
    throw new InvalidArgumentError(
      'batchSize',
      `an integer ≤ numSamples (${numSamples})`,
      batchSize,
    );
  }
  const epochs = options.epochs ?? STOCHASTIC_DEFAULTS.epochs;
  requireInteger('epochs', epochs, 0);
  const seed = options.seed ?? saved?.seed ?? STOCHASTIC_DEFAULTS.seed;
  if (!(Number.isInteger(seed) && Math.abs(seed) <= 0xffffffff)) {
    throw new InvalidArgumentError('seed', 'a 32-bit integer', seed);
  }
  const shuffle = options.shuffle ?? saved?.shuffle ?? STOCHASTIC_DEFAULTS.shuffle;
  const learningRate = options.learningRate ?? defaultLearningRate;
  if (!(learningRate > 0 && Number.isFinite(learningRate))) {
    throw new InvalidArgumentError('learningRate', 'a finite number > 0', learningRate);
  }
  const schedule = options.schedule ?? saved?.schedule ?? { type: 'constant' };
  if (typeof schedule !== 'object' || schedule === null) {
    throw new InvalidArgumentError('schedule', "an object such as { type: 'constant' }", schedule);
  }
  validateSchedule(schedule);
  const weightDecay = options.weightDecay ?? STOCHASTIC_DEFAULTS.weightDecay;
  if (!(weightDecay >= 0 && Number.isFinite(weightDecay))) {
    throw new InvalidArgumentError('weightDecay', 'a finite number ≥ 0', weightDecay);
  }
  const clipNorm = options.clipNorm ?? Number.POSITIVE_INFINITY;
  if (!(clipNorm > 0)) throw new InvalidArgumentError('clipNorm', 'a number > 0', clipNorm);
  const progressEverySteps = options.progressEverySteps ?? STOCHASTIC_DEFAULTS.progressEverySteps;
  requireInteger('progressEverySteps', progressEverySteps, 0);
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new InvalidArgumentError('signal', 'an AbortSignal', options.signal);
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new InvalidArgumentError('onProgress', 'a function', options.onProgress);
  }

  let validation: ResolvedStochasticOptions['validation'];
  const v = options.validation;
  if (v !== undefined) {
    if (typeof v !== 'object' || v === null || typeof v.evaluate !== 'function') {
      throw new InvalidArgumentError('validation', 'an object with an evaluate(x) function', v);
    }
    const mode = v.mode ?? 'min';
    if (mode !== 'min' && mode !== 'max') {
      throw new InvalidArgumentError('validation.mode', "'min' or 'max'", mode);
    }
    const patience = v.patience ?? Number.POSITIVE_INFINITY;
    if (!(patience >= 1 && (Number.isInteger(patience) || patience === Number.POSITIVE_INFINITY))) {
      throw new InvalidArgumentError('validation.patience', 'an integer ≥ 1 or Infinity', patience);
    }
    const minDelta = v.minDelta ?? 0;
    if (!(minDelta >= 0))
      throw new InvalidArgumentError('validation.minDelta', 'a number ≥ 0', minDelta);
    validation = {
      evaluate: v.evaluate,
      mode,
      patience,
      minDelta,
      restoreBest: v.restoreBest ?? true,
    };
  }
  const patience = options.patience;
  if (patience !== undefined) {
    if (typeof patience !== 'object' || patience === null) {
      throw new InvalidArgumentError('patience', 'an object { tol, epochs }', patience);
    }
    if (!(patience.tol >= 0 && Number.isFinite(patience.tol))) {
      throw new InvalidArgumentError('patience.tol', 'a finite number ≥ 0', patience.tol);
    }
    requireInteger('patience.epochs', patience.epochs, 0);
  }
  if (
    schedule.type === 'adaptive' &&
    schedule.monitor === 'validation' &&
    validation === undefined
  ) {
    throw new InvalidArgumentError(
      'schedule.monitor',
      "'loss' unless options.validation is given",
      schedule.monitor,
    );
  }
  return {
    numSamples,
    batchSize,
    epochs,
    seed,
    shuffle,
    learningRate,
    schedule,
    weightDecay,
    clipNorm,
    progressEverySteps,
    validation,
    patience: patience === undefined ? undefined : { tol: patience.tol, epochs: patience.epochs },
  };
}

function requireInteger(name: string, value: number, min: number): void {
  if (!(Number.isInteger(value) && value >= min)) {
    throw new InvalidArgumentError(name, `an integer ≥ ${min}`, value);
  }
}
