import type { Objective } from '../objective.js';
import { runToEnd } from '../run-to-end.js';
import { lbfgs } from './lbfgs.js';
import type { LbfgsOptions } from './lbfgs-options.js';
import type { OptimizeResult } from './lbfgs-result.js';
import type { LbfgsState } from './lbfgs-state.js';

/** Runs `lbfgs` to the end and returns its result; observe iterations with `options.onProgress`. */
export function minimizeLbfgs(
  objective: Objective,
  start: Float64Array | LbfgsState,
  options: LbfgsOptions = {},
): Promise<OptimizeResult> {
  return runToEnd(lbfgs(objective, start, options));
}
