import type { LbfgsStopReason } from '../stop-reason.js';
import type { LbfgsState } from './lbfgs-state.js';

/** Reported after every L-BFGS iteration. */
export interface IterationProgress {
  /** Iterations (accepted steps) completed, from the very start of the run. */
  readonly iteration: number;
  /** Objective evaluations so far, line-search trials included. */
  readonly evaluations: number;
  readonly value: number;
  /** max |gᵢ|, the quantity compared with gtol. */
  readonly gradientNorm: number;
  /** ‖g‖₂. */
  readonly gradientNorm2: number;
  /** Accepted step length α along the search direction. */
  readonly stepSize: number;
  /** ‖x_{k+1} − x_k‖₂. */
  readonly stepNorm: number;
  readonly elapsedMs: number;
  /**
   * Whether the run stops after this iteration: gtol, ftol, maxIter or maxEval is met, or the
   * signal had already fired. An abort that comes later (e.g. from onProgress) is not foreseen.
   */
  readonly final: boolean;
  /**
   * A copy of the current iterate, yours to keep. It is made when first read, so read it before
   * pulling the next progress value (or inside onProgress); reading it later for the first time
   * throws OptimizerStateError.
   */
  readonly x: Float64Array;
  /**
   * Saves the optimizer state at this iteration (for resuming). Call it before pulling the next
   * progress value; later it throws OptimizerStateError.
   */
  saveState(): LbfgsState;
}

/** What an L-BFGS run ends with. */
export interface OptimizeResult {
  /** The best point: the last accepted iterate (a copy, yours to keep). */
  readonly x: Float64Array;
  readonly value: number;
  readonly gradient: Float64Array;
  /** max |gᵢ| at x. */
  readonly gradientNorm: number;
  /** ‖g‖₂ at x. */
  readonly gradientNorm2: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly stopReason: LbfgsStopReason;
  /** True for 'gtol' and 'ftol'. */
  readonly converged: boolean;
  /** Which criterion stopped the run, with the numbers, e.g. "converged: max |g_i| = 8.1e-6 ≤ gtol 1e-5". */
  readonly message: string;
  /** Advice when the run stopped without converging (like scikit-learn's ConvergenceWarning). */
  readonly warning?: string;
  /** Correction pairs rejected by the curvature test (sᵀy ≤ ε·yᵀy). */
  readonly skippedUpdates: number;
  /** Times the history was discarded to retry from steepest descent after a failed line search. */
  readonly restarts: number;
  readonly elapsedMs: number;
  /** Pass as the start of `lbfgs`/`minimizeLbfgs` to continue this run. */
  readonly state: LbfgsState;
}
