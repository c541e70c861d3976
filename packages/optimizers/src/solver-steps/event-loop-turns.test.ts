import { describe, expect, it } from 'vitest';
import type { TrainingObjective } from './solver-step.js';
import { stochasticSteps } from './stochastic-steps.js';

/** One-parameter batches that each keep the thread busy for `busyMs`, as a heavy kernel does. */
function busyObjective(numSamples: number, busyMs: number): TrainingObjective {
  const evaluate = (x: Float64Array) => {
    const until = performance.now() + busyMs;
    while (performance.now() < until) {
      // Busy, never waiting on I/O.
    }
    return { value: x[0]! ** 2, gradient: Float64Array.of(2 * x[0]!) };
  };
  return { numSamples, evaluate, evaluateBatch: evaluate };
}

describe('solver steps give the event loop turns', () => {
  it('so that a timer (a Ctrl-C handler) can abort an epoch before it ends', async () => {
    const controller = new AbortController();
    // 400 batches of 1 ms in one epoch: far longer than one turn interval.
    const run = stochasticSteps(busyObjective(400, 1), Float64Array.of(1), {
      solver: 'sgd',
      learningRate: 0.001,
      batchSize: 1,
      epochs: 1,
      seed: 0,
      convergence: { by: 'full-gradient', tol: 0 },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 0);
    let next = await run.next();
    while (!next.done) next = await run.next();
    expect(next.value.stopReason).toBe('aborted');
    expect(next.value.steps).toBe(0);
    expect(next.value.evaluations).toBeLessThan(400);
  });
});
