/** One step of a solver run (an L-BFGS iteration or an SGD/Adam epoch), in solver-neutral terms. */
export interface SolverStep {
  readonly step: number;
  /** The parameters after this step (a copy). */
  readonly x: Float64Array;
  readonly evaluations: number;
  /** Full objective (L-BFGS) or the epoch's mean mini-batch objective (SGD/Adam). */
  readonly objective: number;
  /** max |gᵢ| (full gradient for L-BFGS, last mini-batch for SGD/Adam). */
  readonly gradientNorm: number;
  readonly stepSize?: number;
  readonly learningRate?: number;
  /** Correctly classified training samples at x, when the solver's evaluations already know it. */
  readonly correct?: number;
  /** Whether the solver will stop after this step (known in advance for all but some aborts). */
  readonly final: boolean;
}

/** How a solver run ended. */
export interface SolverOutcome {
  readonly x: Float64Array;
  readonly stopReason: string;
  readonly converged: boolean;
  readonly message: string;
  readonly warning?: string;
  readonly steps: number;
  readonly evaluations: number;
  readonly objective: number;
  readonly gradientNorm: number;
  readonly correct?: number;
}

/** Whether two parameter vectors are identical (to reuse an evaluation's accuracy). */
export function sameVector(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
