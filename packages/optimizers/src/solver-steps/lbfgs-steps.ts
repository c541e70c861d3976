import { formatNumber } from '../format-number.js';
import { lbfgs } from '../lbfgs/lbfgs.js';
import type { OptimizeResult } from '../lbfgs/lbfgs-result.js';
import type { LbfgsState } from '../lbfgs/lbfgs-state.js';
import { StopReason } from '../stop-reason.js';
import { sameVector } from '../vector-ops.js';
import { eventLoopTurns } from './event-loop-turns.js';
import type { SolverHooks, SolverOutcome, SolverStep, TrainingObjective } from './solver-step.js';

/** scikit-learn's L-BFGS settings, as LogisticRegression and MLPClassifier pass them to scipy. */
export interface LbfgsStepsOptions extends SolverHooks {
  readonly maxIter: number;
  /** scipy's gtol: stop when max |gᵢ| ≤ tol. */
  readonly tol: number;
  /** Correction pairs kept (scipy's maxcor). Default 10. */
  readonly historySize?: number;
}

const DEFAULT_ADVICE = 'increase maxIter or scale the data';

/**
 * Full-batch L-BFGS on `objective.evaluate` from x0, one SolverStep per iteration, returning how
 * the run ended; at maxIter the outcome carries scikit-learn's ConvergenceWarning.
 */
export async function* lbfgsSteps(
  objective: Pick<TrainingObjective, 'evaluate'>,
  x0: Float64Array,
  options: LbfgsStepsOptions,
): AsyncGenerator<SolverStep, SolverOutcome, undefined> {
  const { maxIter, tol, signal, beforeEvaluation } = options;
  // Accuracy falls out of each evaluation; remember the last point to reuse it for progress.
  const last = { x: new Float64Array(x0.length), correct: -1 };
  // Evaluations on this thread never wait on I/O: give the event loop a turn now and then.
  const turn = eventLoopTurns();
  const run = lbfgs(
    async (x) => {
      await turn();
      if (beforeEvaluation) await beforeEvaluation();
      const e = await objective.evaluate(x);
      last.x.set(x);
      last.correct = e.correct ?? -1;
      return e;
    },
    options.resume === undefined ? x0 : (options.resume as LbfgsState),
    {
      gtol: tol,
      maxIter,
      ...(options.historySize === undefined ? {} : { historySize: options.historySize }),
      ...(signal === undefined ? {} : { signal }),
    },
  );
  const correctAt = (x: Float64Array): number | undefined =>
    last.correct >= 0 && sameVector(last.x, x) ? last.correct : undefined;
  try {
    for (;;) {
      const next = await run.next();
      if (next.done) return lbfgsOutcome(next.value, correctAt(next.value.x), options);
      const p = next.value;
      const correct = correctAt(p.x);
      yield {
        step: p.iteration,
        x: p.x,
        evaluations: p.evaluations,
        objective: p.value,
        gradientNorm: p.gradientNorm,
        stepSize: p.stepSize,
        ...(correct === undefined ? {} : { correct }),
        final: p.final,
        saveState: p.saveState,
      };
    }
  } finally {
    await run.return(undefined as unknown as OptimizeResult);
  }
}

function lbfgsOutcome(
  r: OptimizeResult,
  correct: number | undefined,
  options: LbfgsStepsOptions,
): SolverOutcome {
  // scikit-learn's ConvergenceWarning for lbfgs, in one line.
  const warning =
    r.stopReason === StopReason.MaxIter
      ? `lbfgs failed to converge after ${r.iterations} iterations (max |g_i| = ${formatNumber(r.gradientNorm)} > tol ${formatNumber(options.tol)}): ` +
        (options.advice ?? DEFAULT_ADVICE)
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
    state: r.state,
  };
}
