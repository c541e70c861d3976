import type { LbfgsState } from '../lbfgs/lbfgs-state.js';
import type { ObjectiveOutput } from '../objective.js';
import type { AdamEngine } from '../stochastic/adam-engine.js';
import type { AdamState, SgdState } from '../stochastic/stochastic-state.js';
import type { LbfgsStopReason, StochasticStopReason } from '../stop-reason.js';

/** An objective's output at a point, with the correctly classified samples when it knows them. */
export interface TrainingEvaluation extends ObjectiveOutput {
  /** Training samples classified correctly at x, when the evaluation finds it out anyway. */
  readonly correct?: number;
}

/**
 * A training objective as the solver adapters drive it: the full objective for L-BFGS (and for
 * judging a mini-batch run's end point), the mini-batch objective for SGD and Adam.
 */
export interface TrainingObjective {
  readonly numSamples: number;
  /** The objective over every sample and its gradient. */
  evaluate(x: Float64Array): TrainingEvaluation | Promise<TrainingEvaluation>;
  /** The mean loss over the samples in `batch` (plus any penalty) and its gradient. */
  evaluateBatch(x: Float64Array, batch: Uint32Array): ObjectiveOutput | Promise<ObjectiveOutput>;
  /**
   * Mini-batch steps with Adam's update applied by the objective itself, which the adam solver then
   * runs instead of `evaluateBatch` and its own update (see AdamEngine).
   */
  readonly adamEngine?: AdamEngine;
}

/**
 * A solver's state as plain JSON-serializable data (numbers, number arrays, objects), from which
 * the run continues exactly: pass it back as `SolverHooks.resume`.
 */
export type SolverState = LbfgsState | SgdState | AdamState;

/** One step of a solver run (an L-BFGS iteration or an SGD/Adam epoch), in solver-neutral terms. */
export interface SolverStep {
  /** Iterations or epochs completed. */
  readonly step: number;
  /** The parameters after this step (a copy, yours to keep). */
  readonly x: Float64Array;
  readonly evaluations: number;
  /** Full objective (L-BFGS) or the epoch's mean mini-batch objective (SGD/Adam). */
  readonly objective: number;
  /** max |gᵢ| (full gradient for L-BFGS, last mini-batch for SGD/Adam). */
  readonly gradientNorm: number;
  /** L-BFGS: the accepted step length. */
  readonly stepSize?: number;
  /** SGD/Adam: the learning rate of the epoch's last step. */
  readonly learningRate?: number;
  /** Correctly classified training samples at x, when the solver's evaluations already know it. */
  readonly correct?: number;
  /** Whether the solver stops after this step (known in advance for every criterion but a late abort). */
  readonly final: boolean;
  /** The solver's state after this step; call it before pulling the next step (later it throws). */
  saveState(): SolverState;
}

/** Why a solver run ended: L-BFGS's reasons, SGD/Adam's with 'max-epochs' reported as 'epochs'. */
export type SolverStopReason =
  | LbfgsStopReason
  | Exclude<StochasticStopReason, 'max-epochs'>
  | 'epochs';

/** How a solver run ended. */
export interface SolverOutcome {
  readonly x: Float64Array;
  readonly stopReason: SolverStopReason;
  readonly converged: boolean;
  /** Which criterion stopped the run, with the numbers. */
  readonly message: string;
  /** scikit-learn's ConvergenceWarning, or the optimizer's advice when it stopped on a failure. */
  readonly warning?: string;
  readonly steps: number;
  readonly evaluations: number;
  readonly objective: number;
  readonly gradientNorm: number;
  readonly correct?: number;
  /** The solver's state where it ended (mid-epoch after an abort), to continue it. */
  readonly state?: SolverState;
}

/** Options both adapters take. */
export interface SolverHooks {
  /** Ends the run at the next step with stopReason 'aborted'. */
  readonly signal?: AbortSignal;
  /** Awaited before every evaluation, e.g. to make the caller's compute backend active again. */
  readonly beforeEvaluation?: () => void | Promise<void>;
  /** The advice that ends the ConvergenceWarning of a run that used up its iterations/epochs. */
  readonly advice?: string;
  /**
   * A state saved from a step or the outcome of an earlier run of the same solver on the same
   * objective and options: continue it (x0 is then ignored). Invalid or mismatched states are
   * OptimizerStateErrors.
   */
  readonly resume?: unknown;
}
