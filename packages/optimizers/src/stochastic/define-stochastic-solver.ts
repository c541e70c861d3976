import type { MiniBatchObjective } from '../objective.js';
import { runToEnd } from '../run-to-end.js';
import type { EpochProgress, StochasticResult } from './epoch-progress.js';
import { runStochastic, type StochasticMethod } from './run-stochastic.js';
import type { StochasticOptions } from './stochastic-options.js';
import type { StochasticState } from './stochastic-state.js';

/** `sgd`/`adam`: a run as an async generator of per-epoch progress that returns the result. */
export type StochasticRun<S, O> = (
  objective: MiniBatchObjective,
  start: Float64Array | S,
  options: O,
) => AsyncGenerator<EpochProgress<S>, StochasticResult<S>, undefined>;

/** `minimizeSgd`/`minimizeAdam`: a run pulled to its end, seen only through `options.onProgress`. */
export type StochasticMinimize<S, O> = (
  objective: MiniBatchObjective,
  start: Float64Array | S,
  options: O,
) => Promise<StochasticResult<S>>;

/** The two entry points of a mini-batch optimizer, from what sets it apart (kind, update rule). */
export function defineStochasticSolver<
  K extends 'sgd' | 'adam',
  B,
  O extends StochasticOptions<StochasticState<K, B>>,
>(
  method: StochasticMethod<K, B, O>,
): {
  readonly run: StochasticRun<StochasticState<K, B>, O>;
  readonly minimize: StochasticMinimize<StochasticState<K, B>, O>;
} {
  const run: StochasticRun<StochasticState<K, B>, O> = (objective, start, options) =>
    runStochastic(method, objective, start, options);
  return { run, minimize: (objective, start, options) => runToEnd(run(objective, start, options)) };
}
