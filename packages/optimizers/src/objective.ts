/**
 * What an objective returns at a point: the value and its gradient. The gradient may be any
 * array-like of numbers (a Float64Array, a Float32Array from a tensor, a plain array); the
 * optimizer copies it into its own buffers at once, so the caller may reuse or mutate it afterwards.
 */
export interface ObjectiveOutput {
  readonly value: number;
  readonly gradient: ArrayLike<number>;
}

/**
 * A differentiable objective for L-BFGS. `x` is a scratch copy owned by the optimizer: read it
 * during the call (or until the returned promise settles), copy it if you keep it, because the
 * optimizer overwrites it before the next call. Mutating it does not affect the optimizer.
 */
export type Objective = (x: Float64Array) => ObjectiveOutput | Promise<ObjectiveOutput>;

/**
 * A mini-batch objective for SGD and Adam: `value` should be the mean loss over the samples whose
 * indices are in `batch`, `gradient` its gradient. Both `x` and `batch` are scratch buffers owned by
 * the optimizer (copy them if you keep them).
 */
export type MiniBatchObjective = (
  x: Float64Array,
  batch: Uint32Array,
) => ObjectiveOutput | Promise<ObjectiveOutput>;
