import type { StochasticStopReason } from '../stop-reason.js';
import type { AdamState, SgdState } from './stochastic-state.js';

/** Reported at the end of every epoch ('epoch') and, if asked, every K steps ('step'). */
export interface EpochProgress<S = SgdState | AdamState> {
  readonly kind: 'epoch' | 'step';
  /** 1-based epoch just completed ('epoch') or in progress ('step'). */
  readonly epoch: number;
  /** Optimizer steps (mini-batches) since the very start. */
  readonly step: number;
  /** Objective calls since the very start (validation calls not included). */
  readonly evaluations: number;
  /** Mean training loss over the epoch (so far, for 'step'), weighted by batch size. */
  readonly loss: number;
  /** max |gᵢ| of the last mini-batch gradient (weight decay included, before clipping). */
  readonly gradientNorm: number;
  /** ‖g‖₂ of the last mini-batch gradient (weight decay included, before clipping). */
  readonly gradientNorm2: number;
  /** Learning rate of the last step. */
  readonly learningRate: number;
  readonly elapsedMs: number;
  /** Validation metric at the end of this epoch ('epoch' reports with validation only). */
  readonly validation?: number;
  /** Best validation metric so far and the 1-based epoch it was reached in. */
  readonly bestValidation?: number;
  readonly bestEpoch?: number;
  /**
   * Whether the run stops after this report: the last epoch, early stopping or the no-improvement
   * rule ends it, or the signal had already fired. An abort that comes later (e.g. from
   * onProgress) is not foreseen; a 'step' report is final only after an abort.
   */
  readonly final: boolean;
  /**
   * A copy of the current parameters, yours to keep. It is made when first read, so read it
   * before pulling the next progress value (or inside onProgress); reading it later for the first
   * time throws OptimizerStateError.
   */
  readonly x: Float64Array;
  /** Saves the state at this point; call it before pulling the next progress value (later it throws). */
  saveState(): S;
}

/** What an SGD or Adam run ends with. */
export interface StochasticResult<S = SgdState | AdamState> {
  /** The final parameters, or the best epoch's when validation.restoreBest applied (a copy). */
  readonly x: Float64Array;
  /** Whether x holds the best validation epoch's parameters rather than the last ones. */
  readonly restoredBest: boolean;
  /** Mean training loss of the last epoch run (the partial one if stopped mid-epoch); NaN if no step ran. */
  readonly loss: number;
  /** Epochs completed. */
  readonly epochs: number;
  readonly steps: number;
  readonly evaluations: number;
  readonly stopReason: StochasticStopReason;
  /** True for 'no-improvement': the training loss stopped improving by more than patience.tol. */
  readonly converged: boolean;
  /** Why the run stopped, in words. */
  readonly message: string;
  /** Advice when something went wrong (non-finite loss). */
  readonly warning?: string;
  readonly bestValidation?: number;
  readonly bestEpoch?: number;
  readonly elapsedMs: number;
  /** Pass as the start of the same optimizer to continue this run. */
  readonly state: S;
}
