import type { ObjectiveEvaluation } from './objective-sums.js';

/**
 * A full-batch softmax objective, computed on this thread (SoftmaxObjective) or by worker threads
 * (ParallelObjective); solvers see only this.
 */
export interface FullBatchObjective {
  readonly numSamples: number;
  evaluate(x: Float64Array): ObjectiveEvaluation | Promise<ObjectiveEvaluation>;
  /** Fraction of training samples classified correctly at x. */
  accuracy(x: Float64Array): number | Promise<number>;
  dispose(): void | Promise<void>;
}
