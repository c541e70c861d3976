import { InvalidArgumentError } from '../errors.js';

/**
 * How the learning rate changes during training, as plain data (so it can be saved). `epoch` below
 * is 0-based and counts epochs started; `t` is the 0-based optimizer step.
 * - constant: lr0.
 * - inverse-scaling: lr0 / (t + 1)^power (scikit-learn's 'invscaling' with power_t), t counted in
 *   steps (default) or epochs.
 * - step: lr0 · gamma^⌊epoch / everyEpochs⌋.
 * - cosine: lrMin + (lr0 − lrMin) · (1 + cos(π · s)) / 2, where s is the share of the run done:
 *   epoch / epochs (default), or t / (epochs · stepsPerEpoch) with per 'step', which lowers the rate
 *   at every step instead of once an epoch.
 * - linear: lrMin + (lr0 − lrMin) · (1 − s), s as for cosine.
 * - adaptive: lr0 until `patience` epochs in a row fail to improve the monitored quantity by more
 *   than minDelta, then lr / factor (scikit-learn's 'adaptive': factor 5), never below minLearningRate.
 */
export type LearningRateSchedule =
  | { readonly type: 'constant' }
  | { readonly type: 'inverse-scaling'; readonly power?: number; readonly per?: 'step' | 'epoch' }
  | { readonly type: 'step'; readonly everyEpochs: number; readonly gamma?: number }
  | { readonly type: 'cosine'; readonly lrMin?: number; readonly per?: 'step' | 'epoch' }
  | { readonly type: 'linear'; readonly lrMin?: number; readonly per?: 'step' | 'epoch' }
  | {
      readonly type: 'adaptive';
      readonly patience?: number;
      readonly factor?: number;
      readonly minDelta?: number;
      /** 'loss' (mean training loss, default) or 'validation' (the validation metric, in its mode). */
      readonly monitor?: 'loss' | 'validation';
      readonly minLearningRate?: number;
    };

/** The schedule names, as constants. */
export const LearningRateScheduleTypes = [
  'constant',
  'inverse-scaling',
  'step',
  'cosine',
  'linear',
  'adaptive',
] as const;

/** Where in training a learning rate is asked for. */
export interface SchedulePosition {
  /** 0-based epoch in progress. */
  readonly epoch: number;
  /** 0-based optimizer step about to be taken. */
  readonly step: number;
  /** Total epochs of the run (for cosine and linear). */
  readonly epochs: number;
  /** Mini-batches per epoch (for cosine and linear per 'step'). */
  readonly stepsPerEpoch?: number;
}

/** Bookkeeping of the adaptive schedule, carried from epoch to epoch (and saved with the state). */
export interface AdaptiveScheduleState {
  readonly learningRate: number;
  /** Best monitored value so far (null before the first epoch ends). */
  readonly best: number | null;
  /** Epochs in a row without an improvement larger than minDelta. */
  readonly badEpochs: number;
}

/** The learning rate for one step; `adaptive` is the adaptive schedule's state (ignored otherwise). */
export function learningRateAt(
  schedule: LearningRateSchedule,
  lr0: number,
  position: SchedulePosition,
  adaptive?: AdaptiveScheduleState,
): number {
  switch (schedule.type) {
    case 'constant':
      return lr0;
    case 'inverse-scaling': {
      const t = (schedule.per ?? 'step') === 'step' ? position.step : position.epoch;
      return lr0 / (t + 1) ** (schedule.power ?? 0.5);
    }
    case 'step':
      return lr0 * (schedule.gamma ?? 0.1) ** Math.floor(position.epoch / schedule.everyEpochs);
    case 'cosine': {
      const lrMin = schedule.lrMin ?? 0;
      const done = shareDone(schedule.per, position);
      return lrMin + ((lr0 - lrMin) * (1 + Math.cos(Math.PI * done))) / 2;
    }
    case 'linear': {
      const lrMin = schedule.lrMin ?? 0;
      return lrMin + (lr0 - lrMin) * (1 - shareDone(schedule.per, position));
    }
    case 'adaptive':
      return adaptive?.learningRate ?? lr0;
  }
}

/** How much of the run is done before this step: by epochs started, or by steps taken. */
function shareDone(per: 'step' | 'epoch' | undefined, position: SchedulePosition): number {
  if ((per ?? 'epoch') === 'epoch') return position.epoch / position.epochs;
  const stepsPerEpoch = position.stepsPerEpoch;
  if (stepsPerEpoch === undefined) {
    throw new InvalidArgumentError(
      'position.stepsPerEpoch',
      "the number of mini-batches per epoch (a schedule per 'step' needs it)",
      stepsPerEpoch,
    );
  }
  // Past the planned end (a resumed run given more epochs) the share stays at 1: lrMin.
  return Math.min(position.step / (position.epochs * stepsPerEpoch), 1);
}

/**
 * Feeds one finished epoch's monitored value to the adaptive schedule and returns its next state;
 * `mode` says whether lower ('min') or higher ('max') is better.
 */
export function updateAdaptiveSchedule(
  schedule: Extract<LearningRateSchedule, { type: 'adaptive' }>,
  state: AdaptiveScheduleState,
  value: number,
  mode: 'min' | 'max',
): AdaptiveScheduleState {
  const minDelta = schedule.minDelta ?? 1e-4;
  const sign = mode === 'min' ? 1 : -1;
  const improved = state.best === null || sign * (state.best - value) > minDelta;
  // As scikit-learn, the best value follows any improvement, even one smaller than minDelta.
  const best = state.best === null || sign * (state.best - value) > 0 ? value : state.best;
  const badEpochs = improved ? 0 : state.badEpochs + 1;
  if (badEpochs >= (schedule.patience ?? 2)) {
    const floor = schedule.minLearningRate ?? 1e-6;
    return {
      learningRate: Math.max(state.learningRate / (schedule.factor ?? 5), floor),
      best,
      badEpochs: 0,
    };
  }
  return { learningRate: state.learningRate, best, badEpochs };
}

/** Whether two schedules give the same rates: the same type and parameters, defaults filled in. */
export function sameSchedule(a: LearningRateSchedule, b: LearningRateSchedule): boolean {
  const filled = (s: LearningRateSchedule): string => {
    const withDefaults: Record<string, unknown> = { ...SCHEDULE_DEFAULTS[s.type], ...s };
    return JSON.stringify(
      Object.keys(withDefaults)
        .sort()
        .map((k) => [k, withDefaults[k]]),
    );
  };
  return filled(a) === filled(b);
}

/** The parameters every schedule type defaults, as `learningRateAt` applies them. */
const SCHEDULE_DEFAULTS: Readonly<Record<LearningRateSchedule['type'], Record<string, unknown>>> = {
  constant: {},
  'inverse-scaling': { power: 0.5, per: 'step' },
  step: { gamma: 0.1 },
  cosine: { lrMin: 0, per: 'epoch' },
  linear: { lrMin: 0, per: 'epoch' },
  adaptive: { patience: 2, factor: 5, minDelta: 1e-4, monitor: 'loss', minLearningRate: 1e-6 },
};

/** Rejects a schedule whose type is unknown or whose parameters are out of range. */
export function validateSchedule(schedule: LearningRateSchedule): void {
  const where = (field: string): string => `schedule.${field} (type '${schedule.type}')`;
  switch (schedule.type) {
    case 'constant':
      return;
    case 'inverse-scaling':
      requireRange(where('power'), schedule.power ?? 0.5, 0, Number.POSITIVE_INFINITY);
      if (schedule.per !== undefined && schedule.per !== 'step' && schedule.per !== 'epoch') {
        throw new InvalidArgumentError(where('per'), "'step' or 'epoch'", schedule.per);
      }
      return;
    case 'step':
      if (!(Number.isInteger(schedule.everyEpochs) && schedule.everyEpochs >= 1)) {
        throw new InvalidArgumentError(
          where('everyEpochs'),
          'an integer ≥ 1',
          schedule.everyEpochs,
        );
      }
      requireRange(where('gamma'), schedule.gamma ?? 0.1, 0, Number.POSITIVE_INFINITY);
      return;
    case 'cosine':
    case 'linear':
      requireRange(where('lrMin'), schedule.lrMin ?? 0, 0, Number.POSITIVE_INFINITY);
      if (schedule.per !== undefined && schedule.per !== 'step' && schedule.per !== 'epoch') {
        throw new InvalidArgumentError(where('per'), "'step' or 'epoch'", schedule.per);
      }
      return;
    case 'adaptive': {
      const patience = schedule.patience ?? 2;
      if (!(Number.isInteger(patience) && patience >= 1)) {
        throw new InvalidArgumentError(where('patience'), 'an integer ≥ 1', patience);
      }
      const factor = schedule.factor ?? 5;
      if (!(factor > 1)) throw new InvalidArgumentError(where('factor'), 'a number > 1', factor);
      requireRange(where('minDelta'), schedule.minDelta ?? 1e-4, 0, Number.POSITIVE_INFINITY);
      requireRange(
        where('minLearningRate'),
        schedule.minLearningRate ?? 1e-6,
        0,
        Number.POSITIVE_INFINITY,
      );
      const monitor = schedule.monitor ?? 'loss';
      if (monitor !== 'loss' && monitor !== 'validation') {
        throw new InvalidArgumentError(where('monitor'), "'loss' or 'validation'", monitor);
      }
      return;
    }
    default:
      throw new InvalidArgumentError(
        'schedule.type',
        `one of ${LearningRateScheduleTypes.map((t) => `'${t}'`).join(', ')}`,
        (schedule as { type: unknown }).type,
      );
  }
}

function requireRange(name: string, value: number, min: number, max: number): void {
  if (!(typeof value === 'number' && value >= min && value <= max)) {
    throw new InvalidArgumentError(name, `a number in [${min}, ${max}]`, value);
  }
}
