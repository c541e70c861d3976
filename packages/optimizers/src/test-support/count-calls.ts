import type { Objective } from '../objective.js';

/** An objective that counts its calls, for tests that check how many evaluations a run made. */
export interface CountedObjective extends Objective {
  readonly calls: number;
}

/** Wraps `objective` so that `.calls` tells how many times the optimizer evaluated it. */
export function countCalls(objective: Objective): CountedObjective {
  let calls = 0;
  const counted = (x: Float64Array) => {
    calls++;
    return objective(x);
  };
  return Object.defineProperty(counted, 'calls', { get: () => calls }) as CountedObjective;
}
