import {
  defineStochasticSolver,
  type StochasticMinimize,
  type StochasticRun,
} from './define-stochastic-solver.js';
import { createSgdRule, type SgdRuleOptions } from './sgd-rule.js';
import type { StochasticOptions } from './stochastic-options.js';
import type { SgdBuffers, SgdState } from './stochastic-state.js';

/** Options of `sgd`/`minimizeSgd`: the shared mini-batch options plus momentum and Nesterov. */
export interface SgdOptions extends StochasticOptions<SgdState>, SgdRuleOptions {}

/** SGD's default learning rate. */
export const SGD_DEFAULT_LEARNING_RATE = 0.01;

const solver = defineStochasticSolver<'sgd', SgdBuffers, SgdOptions>({
  kind: 'sgd',
  defaultLearningRate: SGD_DEFAULT_LEARNING_RATE,
  createRule: createSgdRule,
});

/**
 * Mini-batch SGD (optionally with momentum / Nesterov) as an async generator of per-epoch progress
 * that returns the result; `start` is x0 (never modified) or a saved SgdState.
 */
export const sgd: StochasticRun<SgdState, SgdOptions> = solver.run;

/** Runs `sgd` to the end and returns its result; observe epochs with `options.onProgress`. */
export const minimizeSgd: StochasticMinimize<SgdState, SgdOptions> = solver.minimize;
