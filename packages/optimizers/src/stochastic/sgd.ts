import type { MiniBatchObjective } from '../objective.js';
import { runToEnd } from '../run-to-end.js';
import type { EpochProgress, StochasticResult } from './epoch-progress.js';
import { runStochastic, type StochasticMethod } from './run-stochastic.js';
import { createSgdRule, type SgdRuleOptions } from './sgd-rule.js';
import type { StochasticOptions } from './stochastic-options.js';
import type { SgdBuffers, SgdState } from './stochastic-state.js';

/** Options of `sgd`/`minimizeSgd`: the shared mini-batch options plus momentum and Nesterov. */
export interface SgdOptions extends StochasticOptions<SgdState>, SgdRuleOptions {}

/** SGD's default learning rate. */
export const SGD_DEFAULT_LEARNING_RATE = 0.01;

function sgdMethod(options: SgdOptions): StochasticMethod<'sgd', SgdBuffers> {
  return {
    kind: 'sgd',
    defaultLearningRate: SGD_DEFAULT_LEARNING_RATE,
    createRule: (dimension, saved) => createSgdRule(dimension, options, saved),
  };
}

/**
 * Mini-batch SGD (optionally with momentum / Nesterov) as an async generator of per-epoch progress
 * that returns the result; `start` is x0 (never modified) or a saved SgdState.
 */
export function sgd(
  objective: MiniBatchObjective,
  start: Float64Array | SgdState,
  options: SgdOptions,
): AsyncGenerator<EpochProgress<SgdState>, StochasticResult<SgdState>, undefined> {
  return runStochastic(sgdMethod(options), objective, start, options);
}

/** Runs `sgd` to the end and returns its result; observe epochs with `options.onProgress`. */
export function minimizeSgd(
  objective: MiniBatchObjective,
  start: Float64Array | SgdState,
  options: SgdOptions,
): Promise<StochasticResult<SgdState>> {
  return runToEnd(sgd(objective, start, options));
}
