import { adam, type EpochProgress, type StochasticResult, sgd } from '@digitlab/optimizers';
import { formatNumber } from './format-number.js';
import { INITIAL_PLATEAU, plateauReached, updatePlateau } from './loss-plateau.js';
import type { MlpObjective } from './mlp-objective.js';
import type { SolverOutcome, SolverStep } from './solver-step.js';

/** Mini-batch settings for SGD (momentum, optionally Nesterov) and Adam. */
export interface StochasticRunOptions {
  readonly solver: 'sgd' | 'adam';
  readonly learningRate: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly momentum: number;
  readonly nesterov: boolean;
  readonly seed: number;
  /** Stop when the epoch loss has not fallen by more than tol for more than nIterNoChange epochs. */
  readonly tol: number;
  readonly nIterNoChange: number;
  readonly signal: AbortSignal;
  readonly beforeEvaluation: () => Promise<void>;
}

/** The stop reason of a run that ended because the training loss stopped improving. */
export const NO_IMPROVEMENT = 'no-improvement';

/**
 * SGD or Adam over shuffled mini-batches from x0, one SolverStep per epoch, with scikit-learn's
 * stopping rule: more than nIterNoChange epochs in a row whose mean loss is not below the best
 * so far minus tol end the run as converged.
 */
export async function* runStochastic(
  objective: MlpObjective,
  x0: Float64Array,
  options: StochasticRunOptions,
): AsyncGenerator<SolverStep, SolverOutcome, undefined> {
  const { solver, epochs, tol, nIterNoChange } = options;
  // The optimizers stop only through a signal; this one carries the plateau rule's decision.
  const plateauStop = new AbortController();
  const signal = AbortSignal.any([options.signal, plateauStop.signal]);
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
      ? sgd(batchObjective, x0, {
          ...common,
          momentum: options.momentum,
          // The optimizer rejects Nesterov without momentum; plain SGD is what was meant.
          nesterov: options.nesterov && options.momentum > 0,
        })
      : adam(batchObjective, x0, common);
  let plateau = INITIAL_PLATEAU;
  let gradientNorm = Number.NaN;
  try {
    for (;;) {
      const next = await run.next();
      if (next.done) {
        const r = next.value;
        const plateaued = r.stopReason === 'aborted' && plateauStop.signal.aborted;
        return plateaued && !options.signal.aborted
          ? {
              ...outcome(r, options, gradientNorm),
              stopReason: NO_IMPROVEMENT,
              converged: true,
              message: `training loss did not improve by more than tol ${formatNumber(tol)} for ${plateau.epochsWithoutImprovement} consecutive epochs (nIterNoChange ${nIterNoChange}); best epoch loss ${formatNumber(plateau.bestLoss)} after ${r.epochs} epochs`,
            }
          : outcome(r, options, gradientNorm);
      }
      const p = next.value;
      if (p.kind !== 'epoch') continue;
      plateau = updatePlateau(plateau, p.loss, tol);
      const plateaued = plateauReached(plateau, nIterNoChange);
      if (plateaued) plateauStop.abort();
      gradientNorm = p.gradientNorm;
      yield {
        step: p.epoch,
        x: p.x,
        evaluations: p.evaluations,
        objective: p.loss,
        gradientNorm: p.gradientNorm,
        learningRate: p.learningRate,
        final: plateaued || p.epoch >= epochs || options.signal.aborted,
      };
    }
  } finally {
    await run.return(undefined as never);
  }
}

function outcome(
  r: StochasticResult,
  options: StochasticRunOptions,
  gradientNorm: number,
): SolverOutcome {
  const stopReason = r.stopReason === 'max-epochs' ? 'epochs' : r.stopReason;
  const warning =
    stopReason === 'epochs'
      ? `${options.solver} did not converge in ${r.epochs} epochs (the training loss was still improving by more than tol ${formatNumber(options.tol)}): ` +
        'increase epochs or tune learningRate/batchSize'
      : r.warning;
  return {
    x: r.x,
    stopReason,
    converged: false,
    message: r.message,
    ...(warning === undefined ? {} : { warning }),
    steps: r.epochs,
    evaluations: r.evaluations,
    objective: r.loss,
    gradientNorm,
  };
}
