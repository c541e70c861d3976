import { adam, type EpochProgress, type StochasticResult, sgd } from '@digitlab/optimizers';
import { formatNumber } from './format-number.js';
import type { LocalObjective } from './gradient-objective.js';
import type { SolverOutcome, SolverStep } from './solver-step.js';

/** Mini-batch settings for SGD (with momentum) and Adam. */
export interface StochasticRunOptions {
  readonly solver: 'sgd' | 'adam';
  readonly learningRate: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly momentum: number;
  readonly seed: number;
  /** Convergence is judged on the full gradient at the end: max |gᵢ| ≤ tol. */
  readonly tol: number;
  readonly signal: AbortSignal;
  readonly beforeEvaluation: () => Promise<void>;
}

/** SGD or Adam over shuffled mini-batches from x0, one SolverStep per epoch. */
export async function* runStochastic(
  objective: LocalObjective,
  x0: Float64Array,
  options: StochasticRunOptions,
): AsyncGenerator<SolverStep, SolverOutcome, undefined> {
  const { solver, epochs, signal } = options;
  const batchObjective = async (x: Float64Array, batch: Uint32Array) => {
    await options.beforeEvaluation();
    return objective.evaluateBatch(x, batch);
  };
  const common = {
    numSamples: objective.numSamples,
    batchSize: Math.min(options.batchSize, objective.numSamples),
    epochs,
    seed: options.seed,
    learningRate: options.learningRate,
    signal,
  };
  const run: AsyncGenerator<EpochProgress, StochasticResult, undefined> =
    solver === 'sgd'
      ? sgd(batchObjective, x0, { ...common, momentum: options.momentum })
      : adam(batchObjective, x0, common);
  try {
    for (;;) {
      const next = await run.next();
      if (next.done) return await finish(objective, next.value, options);
      const p = next.value;
      if (p.kind !== 'epoch') continue;
      yield {
        step: p.epoch,
        x: p.x,
        evaluations: p.evaluations,
        objective: p.loss,
        gradientNorm: p.gradientNorm,
        learningRate: p.learningRate,
        final: p.epoch >= epochs || signal.aborted,
      };
    }
  } finally {
    await run.return(undefined as never);
  }
}

/** Judge the end point on the full training set: the exact objective and its gradient. */
async function finish(
  objective: LocalObjective,
  r: StochasticResult,
  options: StochasticRunOptions,
): Promise<SolverOutcome> {
  await options.beforeEvaluation();
  const full = objective.evaluate(r.x);
  let gradientNorm = 0;
  for (const g of full.gradient) gradientNorm = Math.max(gradientNorm, Math.abs(g));
  const converged = r.stopReason !== 'aborted' && gradientNorm <= options.tol;
  const summary = `max |g_i| = ${formatNumber(gradientNorm)} ${converged ? '≤' : '>'} tol ${formatNumber(options.tol)} on the full training set`;
  const stopReason = r.stopReason === 'max-epochs' ? 'epochs' : r.stopReason;
  let warning = r.warning;
  if (!converged && stopReason === 'epochs') {
    warning =
      `${options.solver} did not converge in ${r.epochs} epochs (${summary}): ` +
      'increase epochs, tune learningRate/batchSize, scale the data, or use lbfgs';
  }
  return {
    x: r.x,
    stopReason,
    converged,
    message: `${r.message}; ${summary}, objective ${formatNumber(full.value)}`,
    ...(warning === undefined ? {} : { warning }),
    steps: r.epochs,
    evaluations: r.evaluations,
    objective: full.value,
    gradientNorm,
    correct: full.correct,
  };
}
