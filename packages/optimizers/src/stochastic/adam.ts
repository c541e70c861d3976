import type { MiniBatchObjective } from '../objective.js';
import { runToEnd } from '../run-to-end.js';
import { type AdamRuleOptions, createAdamRule } from './adam-rule.js';
import type { EpochProgress, StochasticResult } from './epoch-progress.js';
import { runStochastic, type StochasticMethod } from './run-stochastic.js';
import type { StochasticOptions } from './stochastic-options.js';
import type { AdamBuffers, AdamState } from './stochastic-state.js';

/** Options of `adam`/`minimizeAdam`: the shared mini-batch options plus β1, β2 and ε. */
export interface AdamOptions extends StochasticOptions<AdamState>, AdamRuleOptions {}

/** Adam's default learning rate. */
export const ADAM_DEFAULT_LEARNING_RATE = 0.001;

function adamMethod(options: AdamOptions): StochasticMethod<'adam', AdamBuffers> {
  return {
    kind: 'adam',
    defaultLearningRate: ADAM_DEFAULT_LEARNING_RATE,
    createRule: (dimension, saved) => createAdamRule(dimension, options, saved),
  };
}

/**
 * Mini-batch Adam with bias correction as an async generator of per-epoch progress that returns
 * the result; `start` is x0 (never modified) or a saved AdamState.
 */
export function adam(
  objective: MiniBatchObjective,
  start: Float64Array | AdamState,
  options: AdamOptions,
): AsyncGenerator<EpochProgress<AdamState>, StochasticResult<AdamState>, undefined> {
  return runStochastic(adamMethod(options), objective, start, options);
}

/** Runs `adam` to the end and returns its result; observe epochs with `options.onProgress`. */
export function minimizeAdam(
  objective: MiniBatchObjective,
  start: Float64Array | AdamState,
  options: AdamOptions,
): Promise<StochasticResult<AdamState>> {
  return runToEnd(adam(objective, start, options));
}
