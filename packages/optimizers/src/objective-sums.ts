import type { TrainingEvaluation } from './solver-steps/solver-step.js';

/**
 * The data terms of a classifier's training objective summed over some rows, before scaling: what
 * one shard (a worker, a mini-batch or the whole set) contributes. Sums over disjoint shards add
 * up to the sums over their union, which is what makes data-parallel gradients possible.
 */
export interface ObjectiveSums<G extends ArrayLike<number> = Float64Array> {
  /** Σᵢ cross-entropy of row i. */
  readonly lossSum: number;
  /** The unscaled data gradient Σᵢ ∂CEᵢ/∂θ, in the parameter vector's layout. */
  readonly gradientSums: G;
  /** Rows whose largest logit is their label's. */
  readonly correct: number;
  /** Rows summed. */
  readonly rows: number;
}

/** Value, gradient and the rows classified correctly at one point, assembled from sums. */
export interface ObjectiveEvaluation extends TrainingEvaluation {
  readonly gradient: Float64Array;
  /** Rows (of the batch or the training set) whose largest logit is their label's. */
  readonly correct: number;
}
