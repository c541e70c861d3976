import { OptimizerStateError } from '../errors.js';
import { checkStateTag, readCount, readFinite, readFiniteArray } from '../state-arrays.js';
import { toNumberArray } from '../vector-ops.js';
import { LbfgsHistory } from './lbfgs-history.js';

/** Version of the saved L-BFGS state format. */
export const LBFGS_STATE_VERSION = 1;

/**
 * Everything L-BFGS needs to continue exactly where it stopped, as plain JSON-serializable data
 * (Float64Arrays are stored as number arrays; JSON round-trips doubles exactly).
 */
export interface LbfgsState {
  readonly kind: 'lbfgs';
  readonly version: typeof LBFGS_STATE_VERSION;
  readonly dimension: number;
  /** History size m the pairs were collected with. */
  readonly historySize: number;
  readonly x: number[];
  readonly value: number;
  /** f before the last iteration (null before the first), so a resumed run can apply ftol at once. */
  readonly previousValue: number | null;
  readonly gradient: number[];
  readonly iteration: number;
  readonly evaluations: number;
  readonly elapsedMs: number;
  readonly skippedUpdates: number;
  readonly restarts: number;
  /** Correction pairs, oldest first, with their sᵀy and yᵀy. */
  readonly history: {
    readonly s: number[][];
    readonly y: number[][];
    readonly sy: number[];
    readonly yy: number[];
  };
}

/**
 * The live values a saved state is made from, and that restoring one gives back: typed arrays plus
 * a filled history.
 */
export interface LbfgsSnapshot {
  readonly x: Float64Array;
  readonly value: number;
  readonly previousValue: number | null;
  readonly gradient: Float64Array;
  readonly iteration: number;
  readonly evaluations: number;
  readonly elapsedMs: number;
  readonly skippedUpdates: number;
  readonly restarts: number;
  readonly history: LbfgsHistory;
}

/** Captures the optimizer's current point, counters and history as a saved state. */
export function saveLbfgsState(live: LbfgsSnapshot): LbfgsState {
  const { x, history } = live;
  const s: number[][] = [];
  const y: number[][] = [];
  const sy: number[] = [];
  const yy: number[] = [];
  for (let k = 0; k < history.size; k++) {
    const j = history.slot(k);
    s.push(toNumberArray(history.s[j]!));
    y.push(toNumberArray(history.y[j]!));
    sy.push(history.sy[j]!);
    yy.push(history.yy[j]!);
  }
  return {
    kind: 'lbfgs',
    version: LBFGS_STATE_VERSION,
    dimension: x.length,
    historySize: history.capacity,
    x: toNumberArray(x),
    value: live.value,
    previousValue: live.previousValue,
    gradient: toNumberArray(live.gradient),
    iteration: live.iteration,
    evaluations: live.evaluations,
    elapsedMs: live.elapsedMs,
    skippedUpdates: live.skippedUpdates,
    restarts: live.restarts,
    history: { s, y, sy, yy },
  };
}

/** Validates a saved state (possibly parsed from JSON) and rebuilds the optimizer's buffers. */
export function restoreLbfgsState(state: unknown, historySize: number): LbfgsSnapshot {
  checkStateTag(state, 'lbfgs', LBFGS_STATE_VERSION);
  const kind = 'lbfgs';
  const dimension = readCount(state.dimension, 'dimension', kind);
  if (dimension === 0) {
    throw new OptimizerStateError("lbfgs state field 'dimension': expected at least 1, found 0");
  }
  const saved = state.history as LbfgsState['history'] | undefined;
  if (typeof saved !== 'object' || saved === null) {
    throw new OptimizerStateError(
      "lbfgs state field 'history': expected an object { s, y, sy, yy }",
    );
  }
  const pairs = Array.isArray(saved.s) ? saved.s.length : -1;
  if (pairs < 0 || pairs > historySize) {
    throw new OptimizerStateError(
      `lbfgs state field 'history.s': expected an array of at most historySize = ${historySize} pairs, found ${pairs < 0 ? 'no array' : pairs}`,
    );
  }
  const sy = readFiniteArray(saved.sy, pairs, 'history.sy', kind);
  const yy = readFiniteArray(saved.yy, pairs, 'history.yy', kind);
  const history = new LbfgsHistory(historySize, dimension);
  for (let k = 0; k < pairs; k++) {
    if (!Array.isArray(saved.y)) {
      throw new OptimizerStateError("lbfgs state field 'history.y': expected an array of pairs");
    }
    history.nextS.set(readFiniteArray(saved.s[k], dimension, `history.s[${k}]`, kind));
    history.nextY.set(readFiniteArray(saved.y[k], dimension, `history.y[${k}]`, kind));
    history.commit(sy[k]!, yy[k]!);
  }
  return {
    x: readFiniteArray(state.x, dimension, 'x', kind),
    gradient: readFiniteArray(state.gradient, dimension, 'gradient', kind),
    value: readFinite(state.value, 'value', kind),
    previousValue:
      state.previousValue === null ? null : readFinite(state.previousValue, 'previousValue', kind),
    iteration: readCount(state.iteration, 'iteration', kind),
    evaluations: readCount(state.evaluations, 'evaluations', kind),
    elapsedMs: readFinite(state.elapsedMs, 'elapsedMs', kind),
    skippedUpdates: readCount(state.skippedUpdates, 'skippedUpdates', kind),
    restarts: readCount(state.restarts, 'restarts', kind),
    history,
  };
}
