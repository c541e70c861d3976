import { InvalidArgumentError, OptimizerStateError } from '../errors.js';
import { checkStateTag, readCount, readFinite, readFiniteArray } from '../state-arrays.js';
import {
  type AdaptiveScheduleState,
  type LearningRateSchedule,
  validateSchedule,
} from './learning-rate-schedule.js';

/** Version of the saved SGD/Adam state format. */
export const STOCHASTIC_STATE_VERSION = 1;

/** Validation bookkeeping in a saved state. */
export interface SavedValidation {
  readonly best: number | null;
  /** 1-based epoch of the best metric. */
  readonly bestEpoch: number | null;
  readonly badEpochs: number;
  readonly bestX: number[] | null;
}

/** The no-improvement count of `options.patience` in a saved state. */
export interface SavedNoImprovement {
  /** Lowest epoch loss so far (null before the first epoch). */
  readonly bestLoss: number | null;
  /** Epochs in a row whose loss was not below bestLoss − tol. */
  readonly badEpochs: number;
}

/** What a saved SGD/Adam state and its restored form share: the sizes, the position and counters. */
export interface StochasticRunFields {
  readonly dimension: number;
  readonly numSamples: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly shuffle: boolean;
  /** Epochs completed. */
  readonly epoch: number;
  /** Mini-batches already done in the current epoch. */
  readonly batchIndex: number;
  readonly step: number;
  readonly evaluations: number;
  readonly epochLossSum: number;
  readonly epochSamples: number;
  readonly lastEpochLoss: number | null;
  readonly adaptive: AdaptiveScheduleState | null;
  /**
   * The learning-rate schedule the run follows, so a resume continues on the same curve (its
   * position is `step` and `epoch`); null in states saved before it was recorded.
   */
  readonly schedule: LearningRateSchedule | null;
  /** Present when the run had `options.patience`; states saved before it existed lack it (null). */
  readonly noImprovement: SavedNoImprovement | null;
  readonly elapsedMs: number;
}

/**
 * Everything SGD/Adam need to continue exactly where they stopped (even mid-epoch), as plain
 * JSON-serializable data. The shuffle is not stored: it is recomputed from seed and epoch.
 */
export interface StochasticState<K extends string, B> extends StochasticRunFields {
  readonly kind: K;
  readonly version: typeof STOCHASTIC_STATE_VERSION;
  readonly x: number[];
  readonly validation: SavedValidation | null;
  /** The update rule's own buffers (momentum, Adam moments). */
  readonly buffers: B;
}

/** SGD's buffers: the momentum (velocity) vector. */
export interface SgdBuffers {
  readonly velocity: number[];
}

/** Adam's buffers: first and second moment estimates and the step count t. */
export interface AdamBuffers {
  readonly m: number[];
  readonly v: number[];
  readonly t: number;
}

/** A saved SGD state. */
export type SgdState = StochasticState<'sgd', SgdBuffers>;
/** A saved Adam state. */
export type AdamState = StochasticState<'adam', AdamBuffers>;

/** A saved state with its arrays checked and turned back into typed arrays. */
export interface RestoredStochastic extends StochasticRunFields {
  readonly x: Float64Array;
  readonly validation: {
    best: number | null;
    bestEpoch: number | null;
    badEpochs: number;
    bestX: Float64Array | null;
  } | null;
  readonly buffers: Record<string, unknown>;
}

/** Validates the common part of a saved SGD/Adam state; the rule checks its own buffers. */
export function restoreStochasticState(state: unknown, kind: string): RestoredStochastic {
  checkStateTag(state, kind, STOCHASTIC_STATE_VERSION);
  const dimension = readCount(state.dimension, 'dimension', kind);
  if (dimension === 0) {
    throw new OptimizerStateError(`${kind} state field 'dimension': expected at least 1, found 0`);
  }
  if (typeof state.shuffle !== 'boolean') {
    throw new OptimizerStateError(
      `${kind} state field 'shuffle': expected a boolean, found ${String(state.shuffle)}`,
    );
  }
  const nullableFinite = (value: unknown, field: string): number | null =>
    value === null ? null : readFinite(value, field, kind);
  let adaptive: AdaptiveScheduleState | null = null;
  if (state.adaptive !== null) {
    const a = state.adaptive as Record<string, unknown>;
    if (typeof a !== 'object') {
      throw new OptimizerStateError(`${kind} state field 'adaptive': expected an object or null`);
    }
    adaptive = {
      learningRate: readFinite(a.learningRate, 'adaptive.learningRate', kind),
      best: nullableFinite(a.best, 'adaptive.best'),
      badEpochs: readCount(a.badEpochs, 'adaptive.badEpochs', kind),
    };
  }
  let schedule: LearningRateSchedule | null = null;
  if (state.schedule !== undefined && state.schedule !== null) {
    if (typeof state.schedule !== 'object') {
      throw new OptimizerStateError(`${kind} state field 'schedule': expected an object or null`);
    }
    try {
      validateSchedule(state.schedule as LearningRateSchedule);
    } catch (error) {
      if (!(error instanceof InvalidArgumentError)) throw error;
      throw new OptimizerStateError(`${kind} state field 'schedule': ${error.message}`);
    }
    schedule = state.schedule as LearningRateSchedule;
  }
  let validation: RestoredStochastic['validation'] = null;
  if (state.validation !== null) {
    const v = state.validation as Record<string, unknown>;
    if (typeof v !== 'object') {
      throw new OptimizerStateError(`${kind} state field 'validation': expected an object or null`);
    }
    validation = {
      best: nullableFinite(v.best, 'validation.best'),
      bestEpoch: v.bestEpoch === null ? null : readCount(v.bestEpoch, 'validation.bestEpoch', kind),
      badEpochs: readCount(v.badEpochs, 'validation.badEpochs', kind),
      bestX:
        v.bestX === null ? null : readFiniteArray(v.bestX, dimension, 'validation.bestX', kind),
    };
  }
  let noImprovement: SavedNoImprovement | null = null;
  if (state.noImprovement !== undefined && state.noImprovement !== null) {
    const p = state.noImprovement as Record<string, unknown>;
    if (typeof p !== 'object') {
      throw new OptimizerStateError(
        `${kind} state field 'noImprovement': expected an object or null`,
      );
    }
    noImprovement = {
      bestLoss: nullableFinite(p.bestLoss, 'noImprovement.bestLoss'),
      badEpochs: readCount(p.badEpochs, 'noImprovement.badEpochs', kind),
    };
  }
  if (typeof state.buffers !== 'object' || state.buffers === null) {
    throw new OptimizerStateError(`${kind} state field 'buffers': expected an object`);
  }
  return {
    dimension,
    numSamples: readCount(state.numSamples, 'numSamples', kind),
    batchSize: readCount(state.batchSize, 'batchSize', kind),
    seed: readFinite(state.seed, 'seed', kind),
    shuffle: state.shuffle,
    x: readFiniteArray(state.x, dimension, 'x', kind),
    epoch: readCount(state.epoch, 'epoch', kind),
    batchIndex: readCount(state.batchIndex, 'batchIndex', kind),
    step: readCount(state.step, 'step', kind),
    evaluations: readCount(state.evaluations, 'evaluations', kind),
    epochLossSum: readFinite(state.epochLossSum, 'epochLossSum', kind),
    epochSamples: readCount(state.epochSamples, 'epochSamples', kind),
    lastEpochLoss: nullableFinite(state.lastEpochLoss, 'lastEpochLoss'),
    adaptive,
    schedule,
    validation,
    noImprovement,
    elapsedMs: readFinite(state.elapsedMs, 'elapsedMs', kind),
    buffers: state.buffers as Record<string, unknown>,
  };
}
