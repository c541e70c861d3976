import { describe, expect, it } from 'vitest';
import { makeLeastSquares } from '../test-support/least-squares.js';
import { leastSquaresTraining } from '../test-support/training-objective.js';
import { lbfgsSteps } from './lbfgs-steps.js';
import type { SolverOutcome, SolverState, SolverStep } from './solver-step.js';
import { stochasticSteps } from './stochastic-steps.js';

const problem = makeLeastSquares(120, 6, 0.1, 11);

type Run = (resume?: unknown) => AsyncGenerator<SolverStep, SolverOutcome, undefined>;

/** Every step's x and objective, and the outcome, of a run; the state saved after step `at`. */
async function record(run: Run, at: number, resume?: unknown) {
  const steps: { step: number; x: number[]; objective: number }[] = [];
  let saved: SolverState | undefined;
  const solver = run(resume);
  for (;;) {
    const next = await solver.next();
    if (next.done) return { steps, outcome: next.value, saved };
    const s = next.value;
    steps.push({ step: s.step, x: Array.from(s.x), objective: s.objective });
    // Through JSON, as a checkpoint file holds it.
    if (s.step === at) saved = JSON.parse(JSON.stringify(s.saveState())) as SolverState;
  }
}

const runs: [string, Run][] = [
  [
    'lbfgs',
    (resume) =>
      lbfgsSteps(leastSquaresTraining(problem), new Float64Array(6), {
        maxIter: 12,
        tol: 0,
        historySize: 3,
        resume,
      }),
  ],
  ...(['sgd', 'adam'] as const).map((solver): [string, Run] => [
    solver,
    (resume) =>
      stochasticSteps(leastSquaresTraining(problem), new Float64Array(6), {
        solver,
        learningRate: 0.02,
        batchSize: 25,
        epochs: 8,
        momentum: 0.9,
        seed: 5,
        convergence: { by: 'full-gradient', tol: 1e-12 },
        resume,
      }),
  ]),
];

describe('solver steps resumed from a saved state', () => {
  it.each(runs)(
    '%s: continues from a step’s state with the very same later steps and end',
    async (_, run) => {
      const whole = await record(run, 4);
      expect(whole.saved).toBeDefined();
      const resumed = await record(run, -1, whole.saved);
      expect(resumed.steps).toEqual(whole.steps.filter((s) => s.step > 4));
      expect(resumed.outcome.objective).toBe(whole.outcome.objective);
      expect(resumed.outcome.x).toEqual(whole.outcome.x);
      expect(resumed.outcome.state).toBeDefined();
    },
  );

  it('rejects a state of another solver with an OptimizerStateError', async () => {
    const [, lbfgs] = runs[0]!;
    const [, sgd] = runs[1]!;
    const { saved } = await record(sgd, 2);
    await expect(record(lbfgs, -1, saved)).rejects.toThrow(
      /expected a saved state with kind 'lbfgs'/,
    );
  });
});
