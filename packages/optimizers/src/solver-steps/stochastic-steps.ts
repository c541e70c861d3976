import { formatNumber } from '../format-number.js';
import type { ObjectiveOutput } from '../objective.js';
import { adam } from '../stochastic/adam.js';
import type { AdamEngine } from '../stochastic/adam-engine.js';
import type { EpochProgress, StochasticResult } from '../stochastic/epoch-progress.js';
import type { LearningRateSchedule } from '../stochastic/learning-rate-schedule.js';
import { sgd } from '../stochastic/sgd.js';
import type { AdamState, SgdState } from '../stochastic/stochastic-state.js';
import { StopReason } from '../stop-reason.js';
import { eventLoopTurns } from './event-loop-turns.js';
import type { SolverHooks, SolverOutcome, SolverStep, TrainingObjective } from './solver-step.js';

/**
 * How a mini-batch run decides that it converged: by the full gradient at its end point
 * (max |gᵢ| ≤ tol over every sample, as softmax regression judges it), or by scikit-learn
 * MLPClassifier's rule that stops the run once the epoch loss has not fallen by more than tol for
 * more than `epochs` epochs.
 */
export type StochasticConvergence =
  | { readonly by: 'full-gradient'; readonly tol: number }
  | { readonly by: 'patience'; readonly tol: number; readonly epochs: number };

/** Mini-batch settings for SGD (momentum, optionally Nesterov) and Adam. */
export interface StochasticStepsOptions extends SolverHooks {
  readonly solver: 'sgd' | 'adam';
  readonly learningRate: number;
  /**
   * How the learning rate changes over the run. Default constant (scikit-learn MLPClassifier's
   * learning_rate='constant'); each plugin picks its own.
   */
  readonly schedule?: LearningRateSchedule;
  /** Samples per mini-batch; capped at the number of samples. */
  readonly batchSize: number;
  readonly epochs: number;
  readonly seed: number;
  /** SGD momentum. Default 0. */
  readonly momentum?: number;
  /** SGD Nesterov momentum; ignored at momentum 0 (plain SGD). Default false. */
  readonly nesterov?: boolean;
  readonly convergence: StochasticConvergence;
}

const DEFAULT_ADVICE = 'increase epochs or tune learningRate/batchSize';

/**
 * SGD or Adam over shuffled mini-batches of `objective` from x0, one SolverStep per epoch,
 * returning how the run ended (with a ConvergenceWarning when the epochs ran out unconverged).
 */
export async function* stochasticSteps(
  objective: TrainingObjective,
  x0: Float64Array,
  options: StochasticStepsOptions,
): AsyncGenerator<SolverStep, SolverOutcome, undefined> {
  const { solver, epochs, signal, beforeEvaluation, convergence } = options;
  // Mini-batches never wait on I/O: give the event loop (and a Ctrl-C handler) a turn now and then.
  const turn = eventLoopTurns();
  const batchObjective = async (x: Float64Array, batch: Uint32Array): Promise<ObjectiveOutput> => {
    await turn();
    if (beforeEvaluation) await beforeEvaluation();
    return objective.evaluateBatch(x, batch);
  };
  const common = {
    numSamples: objective.numSamples,
    batchSize: Math.min(options.batchSize, objective.numSamples),
    epochs,
    seed: options.seed,
    learningRate: options.learningRate,
    ...(options.schedule === undefined ? {} : { schedule: options.schedule }),
    ...(signal === undefined ? {} : { signal }),
    ...(convergence.by === 'patience'
      ? { patience: { tol: convergence.tol, epochs: convergence.epochs } }
      : {}),
  };
  const momentum = options.momentum ?? 0;
  const start = options.resume === undefined ? x0 : options.resume;
  const run: AsyncGenerator<EpochProgress, StochasticResult, undefined> =
    solver === 'sgd'
      ? sgd(batchObjective, start as Float64Array | SgdState, {
          ...common,
          momentum,
          // The optimizer rejects Nesterov without momentum; plain SGD is what was meant.
          nesterov: (options.nesterov ?? false) && momentum > 0,
        })
      : adam(batchObjective, start as Float64Array | AdamState, {
          ...common,
          ...(objective.adamEngine === undefined
            ? {}
            : { engine: withTurns(objective.adamEngine, turn, beforeEvaluation) }),
        });
  let gradientNorm = Number.NaN;
  try {
    for (;;) {
      const next = await run.next();
      if (next.done) {
        return convergence.by === 'full-gradient'
          ? await judgedOnFullGradient(objective, next.value, options, convergence.tol)
          : judgedByPatience(next.value, options, convergence.tol, gradientNorm);
      }
      const p = next.value;
      if (p.kind !== 'epoch') continue;
      gradientNorm = p.gradientNorm;
      yield {
        step: p.epoch,
        x: p.x,
        evaluations: p.evaluations,
        objective: p.loss,
        gradientNorm: p.gradientNorm,
        learningRate: p.learningRate,
        final: p.final,
        saveState: p.saveState,
      };
    }
  } finally {
    await run.return(undefined as never);
  }
}

/** The engine's steps, each after the same turn and hook as an objective's evaluation. */
function withTurns(
  engine: AdamEngine,
  turn: () => Promise<void> | undefined,
  beforeEvaluation: (() => void | Promise<void>) | undefined,
): AdamEngine {
  return {
    dimension: engine.dimension,
    load: (x, m, v) => engine.load(x, m, v),
    save: (x, m, v) => engine.save(x, m, v),
    ...(engine.savePoint === undefined
      ? {}
      : { savePoint: (x: Float64Array) => engine.savePoint?.(x) }),
    async step(batch, constants) {
      await turn();
      if (beforeEvaluation) await beforeEvaluation();
      return engine.step(batch, constants);
    },
  };
}

/** The end point judged on the full training set: the exact objective and its gradient. */
async function judgedOnFullGradient(
  objective: TrainingObjective,
  r: StochasticResult,
  options: StochasticStepsOptions,
  tol: number,
): Promise<SolverOutcome> {
  if (options.beforeEvaluation) await options.beforeEvaluation();
  const full = await objective.evaluate(r.x);
  let gradientNorm = 0;
  for (let i = 0; i < full.gradient.length; i++) {
    gradientNorm = Math.max(gradientNorm, Math.abs(full.gradient[i]!));
  }
  const converged = r.stopReason !== StopReason.Aborted && gradientNorm <= tol;
  const summary = `max |g_i| = ${formatNumber(gradientNorm)} ${converged ? '≤' : '>'} tol ${formatNumber(tol)} on the full training set`;
  const stopReason = r.stopReason === StopReason.MaxEpochs ? 'epochs' : r.stopReason;
  const warning =
    !converged && stopReason === 'epochs'
      ? `${options.solver} did not converge in ${r.epochs} epochs (${summary}): ${options.advice ?? DEFAULT_ADVICE}`
      : r.warning;
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
    ...(full.correct === undefined ? {} : { correct: full.correct }),
    // Passed on unread (see runStochastic's end state).
    get state() {
      return r.state;
    },
  };
}

/** The end point as the optimizer left it: converged only if the patience rule stopped it. */
function judgedByPatience(
  r: StochasticResult,
  options: StochasticStepsOptions,
  tol: number,
  gradientNorm: number,
): SolverOutcome {
  const stopReason = r.stopReason === StopReason.MaxEpochs ? 'epochs' : r.stopReason;
  const warning =
    stopReason === 'epochs'
      ? `${options.solver} did not converge in ${r.epochs} epochs (the training loss was still improving by more than tol ${formatNumber(tol)}): ` +
        (options.advice ?? DEFAULT_ADVICE)
      : r.warning;
  return {
    x: r.x,
    stopReason,
    converged: r.converged,
    message: r.message,
    ...(warning === undefined ? {} : { warning }),
    steps: r.epochs,
    evaluations: r.evaluations,
    objective: r.loss,
    gradientNorm,
    get state() {
      return r.state;
    },
  };
}
