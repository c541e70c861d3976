import type { ObjectiveEvaluation, ObjectiveSums } from './objective-sums.js';

/** A training set and penalty, as every objective implementation is built from. */
export interface ObjectiveData {
  /** n×d row-major. */
  readonly features: Float32Array;
  readonly labels: Uint8Array;
  readonly numSamples: number;
  readonly numFeatures: number;
  readonly numClasses: number;
  /** Inverse regularization strength. */
  readonly C: number;
}

/**
 * A full-batch softmax objective, computed on this thread (SoftmaxObjective, SparseSoftmaxObjective)
 * or by worker threads (ParallelObjective); L-BFGS sees only this.
 */
export interface FullBatchObjective {
  readonly numSamples: number;
  evaluate(x: Float64Array): ObjectiveEvaluation | Promise<ObjectiveEvaluation>;
  /** Fraction of training samples classified correctly at x. */
  accuracy(x: Float64Array): number | Promise<number>;
  dispose(): void | Promise<void>;
}

/**
 * The objective over a training set held on this thread, in either layout: dense tensors on a
 * TensorFlow.js backend (SoftmaxObjective) or compressed rows in the WebAssembly kernel
 * (SparseSoftmaxObjective). Mini-batch solvers and gradient workers use this.
 */
export interface LocalObjective extends FullBatchObjective {
  readonly numFeatures: number;
  readonly numClasses: number;
  readonly C: number;
  evaluate(x: Float64Array): ObjectiveEvaluation;
  /** The unscaled data sums at x over every row held (a shard's contribution). */
  sums(x: Float64Array): ObjectiveSums;
  /** Mean loss over the samples in `batch` plus the full penalty, and its gradient. */
  evaluateBatch(x: Float64Array, batch: Uint32Array): ObjectiveEvaluation;
  accuracy(x: Float64Array): number;
  dispose(): void;
}
