import { type AdamRuleOptions, createAdamRule } from './adam-rule.js';
import {
  defineStochasticSolver,
  type StochasticMinimize,
  type StochasticRun,
} from './define-stochastic-solver.js';
import type { StochasticOptions } from './stochastic-options.js';
import type { AdamBuffers, AdamState } from './stochastic-state.js';

/** Options of `adam`/`minimizeAdam`: the shared mini-batch options plus β1, β2 and ε. */
export interface AdamOptions extends StochasticOptions<AdamState>, AdamRuleOptions {}

/** Adam's default learning rate. */
export const ADAM_DEFAULT_LEARNING_RATE = 0.001;

const solver = defineStochasticSolver<'adam', AdamBuffers, AdamOptions>({
  kind: 'adam',
  defaultLearningRate: ADAM_DEFAULT_LEARNING_RATE,
  createRule: createAdamRule,
});

/**
 * Mini-batch Adam with bias correction as an async generator of per-epoch progress that returns
 * the result; `start` is x0 (never modified) or a saved AdamState.
 */
export const adam: StochasticRun<AdamState, AdamOptions> = solver.run;

/** Runs `adam` to the end and returns its result; observe epochs with `options.onProgress`. */
export const minimizeAdam: StochasticMinimize<AdamState, AdamOptions> = solver.minimize;
