import { InvalidArgumentError } from '../errors.js';
import {
  type LineSearchOptions,
  resolveLineSearchOptions,
} from '../line-search/strong-wolfe-line-search.js';
import type { IterationProgress } from './lbfgs-result.js';

/** Options of `lbfgs` and `minimizeLbfgs`; every field has a default (see `LBFGS_DEFAULTS`). */
export interface LbfgsOptions {
  /** History size m: how many correction pairs (s, y) are kept. */
  readonly historySize?: number;
  /** Stop when max |gᵢ| ≤ gtol (scipy's pgtol). */
  readonly gtol?: number;
  /** Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ ftol (scipy's factr·eps). */
  readonly ftol?: number;
  /** Most iterations (accepted steps), counted from the very start when resuming. */
  readonly maxIter?: number;
  /** Most objective evaluations, counted from the very start when resuming. */
  readonly maxEval?: number;
  /** A pair is kept only if sᵀy > curvatureEpsilon · yᵀy, so the update stays positive definite. */
  readonly curvatureEpsilon?: number;
  /** Strong-Wolfe line search settings (c1, c2, maxTrials, …). */
  readonly lineSearch?: Omit<LineSearchOptions, 'maxEvaluations' | 'signal' | 'onBest'>;
  /** Abort: the run ends with stopReason 'aborted' and the last accepted iterate. */
  readonly signal?: AbortSignal;
  /** Called after every iteration (awaited if it returns a promise), before the generator yields. */
  readonly onProgress?: (progress: IterationProgress) => void | Promise<void>;
}

/** Default L-BFGS options (scipy's L-BFGS-B defaults where it has one). */
export const LBFGS_DEFAULTS = {
  historySize: 10,
  gtol: 1e-5,
  ftol: 2.220446049250313e-9,
  maxIter: 15000,
  maxEval: 15000,
  curvatureEpsilon: 2.220446049250313e-16,
} as const;

/** Options with defaults applied and ranges checked. */
export type ResolvedLbfgsOptions = {
  readonly historySize: number;
  readonly gtol: number;
  readonly ftol: number;
  readonly maxIter: number;
  readonly maxEval: number;
  readonly curvatureEpsilon: number;
  readonly lineSearch: ReturnType<typeof resolveLineSearchOptions>;
};

/** Fills in defaults and rejects out-of-range values with the option's name. */
export function resolveLbfgsOptions(options: LbfgsOptions): ResolvedLbfgsOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('options', 'an object', options);
  }
  const historySize = options.historySize ?? LBFGS_DEFAULTS.historySize;
  const gtol = options.gtol ?? LBFGS_DEFAULTS.gtol;
  const ftol = options.ftol ?? LBFGS_DEFAULTS.ftol;
  const maxIter = options.maxIter ?? LBFGS_DEFAULTS.maxIter;
  const maxEval = options.maxEval ?? LBFGS_DEFAULTS.maxEval;
  const curvatureEpsilon = options.curvatureEpsilon ?? LBFGS_DEFAULTS.curvatureEpsilon;
  if (!(Number.isInteger(historySize) && historySize >= 1)) {
    throw new InvalidArgumentError('historySize', 'an integer ≥ 1', historySize);
  }
  if (!(gtol >= 0)) throw new InvalidArgumentError('gtol', 'a number ≥ 0', gtol);
  if (!(ftol >= 0)) throw new InvalidArgumentError('ftol', 'a number ≥ 0', ftol);
  if (!(maxIter >= 0 && (Number.isInteger(maxIter) || maxIter === Number.POSITIVE_INFINITY))) {
    throw new InvalidArgumentError('maxIter', 'an integer ≥ 0 or Infinity', maxIter);
  }
  if (!(maxEval >= 1 && (Number.isInteger(maxEval) || maxEval === Number.POSITIVE_INFINITY))) {
    throw new InvalidArgumentError('maxEval', 'an integer ≥ 1 or Infinity', maxEval);
  }
  if (!(curvatureEpsilon >= 0)) {
    throw new InvalidArgumentError('curvatureEpsilon', 'a number ≥ 0', curvatureEpsilon);
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new InvalidArgumentError('signal', 'an AbortSignal', options.signal);
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new InvalidArgumentError('onProgress', 'a function', options.onProgress);
  }
  return {
    historySize,
    gtol,
    ftol,
    maxIter,
    maxEval,
    curvatureEpsilon,
    lineSearch: resolveLineSearchOptions(options.lineSearch),
  };
}
