import { LBFGS_DEFAULTS, lbfgs, type OptimizeResult } from '@digitlab/optimizers';
import { formatNumber } from './format-number.js';
import type { MlpObjective } from './mlp-objective.js';
import { type SolverOutcome, type SolverStep, sameVector } from './solver-step.js';

/** L-BFGS settings as scikit-learn's MLPClassifier(solver='lbfgs') passes them to scipy. */
export interface LbfgsRunOptions {
  readonly maxIter: number;
  /** scipy's gtol: stop when max |gᵢ| ≤ tol. */
  readonly tol: number;
  readonly signal: AbortSignal;
  /** Called before every evaluation: puts the fit's backend back if something else switched it. */
  readonly beforeEvaluation: () => Promise<void>;
}

/** Full-batch L-BFGS on the objective from x0, one SolverStep per iteration. */
export async function* runLbfgs(
  objective: MlpObjective,
  x0: Float64Array,
  options: LbfgsRunOptions,
): AsyncGenerator<SolverStep, SolverOutcome, undefined> {
  const { maxIter, tol, signal } = options;
  // Accuracy falls out of each evaluation; remember the last point to reuse it for progress.
  const last = { x: new Float64Array(x0.length), correct: -1 };
  let initialValue: number | undefined;
  const run = lbfgs(
    async (x) => {
      await options.beforeEvaluation();
      const e = objective.evaluate(x);
      last.x.set(x);
      last.correct = e.correct;
      initialValue ??= e.value;
      return e;
    },
    x0,
    { gtol: tol, maxIter, signal },
  );
  const correctAt = (x: Float64Array): number | undefined =>
    last.correct >= 0 && sameVector(last.x, x) ? last.correct : undefined;
  let previous = Number.NaN;
  try {
    for (;;) {
      const next = await run.next();
      if (next.done) return outcome(next.value, correctAt(next.value.x), tol);
      const p = next.value;
      if (Number.isNaN(previous)) previous = initialValue ?? Number.NaN;
      // The optimizer's own stopping tests, applied to this step so the last one can be flagged.
      const reduction = (previous - p.value) / Math.max(Math.abs(previous), Math.abs(p.value), 1);
      const final =
        p.gradientNorm <= tol ||
        reduction <= LBFGS_DEFAULTS.ftol ||
        p.iteration >= maxIter ||
        p.evaluations >= LBFGS_DEFAULTS.maxEval ||
        signal.aborted;
      previous = p.value;
      const correct = correctAt(p.x);
      yield {
        step: p.iteration,
        x: p.x,
        evaluations: p.evaluations,
        objective: p.value,
        gradientNorm: p.gradientNorm,
        stepSize: p.stepSize,
        ...(correct === undefined ? {} : { correct }),
        final,
      };
    }
  } finally {
    await run.return(undefined as unknown as OptimizeResult);
  }
}

function outcome(r: OptimizeResult, correct: number | undefined, tol: number): SolverOutcome {
  const warning =
    r.stopReason === 'max-iter'
      ? `lbfgs failed to converge after ${r.iterations} iterations (max |g_i| = ${formatNumber(r.gradientNorm)} > tol ${formatNumber(tol)}): ` +
        'increase maxIter, scale the data, or use adam'
      : r.warning;
  return {
    x: r.x,
    stopReason: r.stopReason,
    converged: r.converged,
    message: r.message,
    ...(warning === undefined ? {} : { warning }),
    steps: r.iterations,
    evaluations: r.evaluations,
    objective: r.value,
    gradientNorm: r.gradientNorm,
    ...(correct === undefined ? {} : { correct }),
  };
}
