/** Every reason an optimizer in this package stops, as constants (`StopReason.Gtol` is 'gtol'). */
export const StopReason = {
  /** L-BFGS: max |gᵢ| ≤ gtol. Converged. */
  Gtol: 'gtol',
  /** L-BFGS: (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ ftol. Converged. */
  Ftol: 'ftol',
  /** L-BFGS: maxIter iterations done without converging. */
  MaxIter: 'max-iter',
  /** L-BFGS: maxEval objective evaluations used without converging. */
  MaxEval: 'max-eval',
  /** The AbortSignal fired; the result holds the best parameters so far. */
  Aborted: 'aborted',
  /** L-BFGS: no step satisfying the strong-Wolfe conditions, even from steepest descent. */
  LineSearchFailed: 'line-search-failed',
  /** The objective returned NaN/±Infinity and the optimizer could not back off from it. */
  NonFinite: 'non-finite',
  /** SGD/Adam: all requested epochs ran. */
  MaxEpochs: 'max-epochs',
  /** SGD/Adam: the validation metric stopped improving for `patience` epochs. */
  EarlyStopping: 'early-stopping',
  /** SGD/Adam: the epoch loss did not improve by more than `patience.tol` for more than `patience.epochs` epochs. Converged. */
  NoImprovement: 'no-improvement',
} as const;

/** Why an optimizer stopped. */
export type StopReason = (typeof StopReason)[keyof typeof StopReason];

/** The stop reasons L-BFGS can report. */
export type LbfgsStopReason =
  | typeof StopReason.Gtol
  | typeof StopReason.Ftol
  | typeof StopReason.MaxIter
  | typeof StopReason.MaxEval
  | typeof StopReason.Aborted
  | typeof StopReason.LineSearchFailed
  | typeof StopReason.NonFinite;

/** The stop reasons SGD and Adam can report. */
export type StochasticStopReason =
  | typeof StopReason.MaxEpochs
  | typeof StopReason.EarlyStopping
  | typeof StopReason.NoImprovement
  | typeof StopReason.Aborted
  | typeof StopReason.NonFinite;
