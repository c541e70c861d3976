import type { Objective } from '../objective.js';
import { lbfgs } from './lbfgs.js';
import type { LbfgsOptions } from './lbfgs-options.js';
import type { OptimizeResult } from './lbfgs-result.js';
import type { LbfgsState } from './lbfgs-state.js';

/** Runs `lbfgs` to the end and returns its result; observe iterations with `options.onProgress`. */
export async function minimizeLbfgs(
  objective: Objective,
  start: Float64Array | LbfgsState,
  options: LbfgsOptions = {},
): Promise<OptimizeResult> {
  const run = lbfgs(objective, start, options);
  for (;;) {
    const step = await run.next();
    if (step.done) return step.value;
  }
}
