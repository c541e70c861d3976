import { InvalidArgumentError } from '../errors.js';
import { type AdamEngine, engineStepper } from './adam-engine.js';
import { type AdamRuleOptions, adamSettings, createAdamRule } from './adam-rule.js';
import {
  defineStochasticSolver,
  type StochasticMinimize,
  type StochasticRun,
} from './define-stochastic-solver.js';
import type { StochasticOptions } from './stochastic-options.js';
import type { AdamBuffers, AdamState } from './stochastic-state.js';

/** Options of `adam`/`minimizeAdam`: the shared mini-batch options plus β1, β2 and ε. */
export interface AdamOptions extends StochasticOptions<AdamState>, AdamRuleOptions {
  /**
   * An objective that applies the update itself (see AdamEngine): it replaces `objective`'s
   * evaluations and the built-in update. It takes neither weightDecay nor clipNorm.
   */
  readonly engine?: AdamEngine;
}

/** Adam's default learning rate. */
export const ADAM_DEFAULT_LEARNING_RATE = 0.001;

const solver = defineStochasticSolver<'adam', AdamBuffers, AdamOptions>({
  kind: 'adam',
  defaultLearningRate: ADAM_DEFAULT_LEARNING_RATE,
  createRule: createAdamRule,
  createStepper(start, options, resolved, saved) {
    const engine = options.engine;
    if (engine === undefined) return undefined;
    if (resolved.weightDecay !== 0 || resolved.clipNorm !== Number.POSITIVE_INFINITY) {
      throw new InvalidArgumentError(
        'engine',
        'no weightDecay or clipNorm beside it (the engine updates the point itself)',
        `weightDecay ${resolved.weightDecay}, clipNorm ${resolved.clipNorm}`,
      );
    }
    return engineStepper(engine, start, adamSettings(options), saved);
  },
});

/**
 * Mini-batch Adam with bias correction as an async generator of per-epoch progress that returns
 * the result; `start` is x0 (never modified) or a saved AdamState.
 */
export const adam: StochasticRun<AdamState, AdamOptions> = solver.run;

/** Runs `adam` to the end and returns its result; observe epochs with `options.onProgress`. */
export const minimizeAdam: StochasticMinimize<AdamState, AdamOptions> = solver.minimize;
