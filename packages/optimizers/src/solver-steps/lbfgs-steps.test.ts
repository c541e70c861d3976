import { describe, expect, it } from 'vitest';
import { StopReason } from '../stop-reason.js';
import { drain } from '../test-support/drain.js';
import { makeLeastSquares } from '../test-support/least-squares.js';
import { rosenbrock, rosenbrockStart } from '../test-support/problems.js';
import { leastSquaresTraining } from '../test-support/training-objective.js';
import { lbfgsSteps } from './lbfgs-steps.js';
import type { SolverStep } from './solver-step.js';

const problem = makeLeastSquares(60, 4, 0.5, 3);

describe('lbfgsSteps', () => {
  it('yields one step per iteration, the last one final, and ends converged at gtol', async () => {
    const objective = leastSquaresTraining(problem);
    const { progress: steps, result: outcome } = await drain(
      lbfgsSteps(objective, new Float64Array(4), { maxIter: 100, tol: 1e-8 }),
    );
    expect(outcome).toMatchObject({ stopReason: StopReason.Gtol, converged: true });
    expect(outcome.message).toMatch(/^converged: max \|g_i\| = .* ≤ gtol 1e-8/);
    expect(outcome.warning).toBeUndefined();
    expect(steps.map((s) => s.step)).toEqual(steps.map((_, i) => i + 1));
    expect(steps.map((s) => s.final)).toEqual(steps.map((_, i) => i === steps.length - 1));
    const last = steps.at(-1)!;
    expect(outcome.steps).toBe(last.step);
    expect(outcome.evaluations).toBe(last.evaluations);
    expect(outcome.evaluations).toBe(objective.calls.full);
    expect(outcome.objective).toBe(last.objective);
    expect(outcome.gradientNorm).toBeLessThanOrEqual(1e-8);
    expect(Array.from(outcome.x)).toEqual(Array.from(last.x));
    expect(steps.every((s) => s.stepSize! > 0 && s.learningRate === undefined)).toBe(true);
  });

  it('takes tol 0 as scikit-learn does: never stops on the gradient, runs to maxIter', async () => {
    const { progress: steps, result: outcome } = await drain(
      lbfgsSteps({ evaluate: rosenbrock }, rosenbrockStart(6), { maxIter: 5, tol: 0 }),
    );
    expect(steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5]);
    expect(outcome).toMatchObject({ stopReason: StopReason.MaxIter, converged: false, steps: 5 });
    expect(outcome.warning).toMatch(/^lbfgs failed to converge after 5 iterations \(.* > tol 0\)/);
  });

  it('passes on the accuracy its evaluations found at each accepted point', async () => {
    const objective = leastSquaresTraining(problem);
    const { progress: steps, result: outcome } = await drain(
      lbfgsSteps(objective, new Float64Array(4), { maxIter: 100, tol: 1e-8 }),
    );
    for (const s of steps) expect(s.correct).toBe(objective.correctAt(s.x));
    expect(outcome.correct).toBe(objective.correctAt(outcome.x));
    // Without `correct` from the objective there is none to pass on.
    const silent = await drain(
      lbfgsSteps(
        { evaluate: (x) => ({ ...objective.evaluate(x), correct: undefined }) },
        new Float64Array(4),
        {
          maxIter: 3,
          tol: 1e-8,
        },
      ),
    );
    expect(silent.progress.every((s) => s.correct === undefined)).toBe(true);
    expect(silent.result.correct).toBeUndefined();
  });

  it("warns like scikit-learn at maxIter, with the caller's advice", async () => {
    const run = (advice?: string) =>
      drain(
        lbfgsSteps(leastSquaresTraining(problem), new Float64Array(4), {
          maxIter: 2,
          tol: 1e-12,
          ...(advice === undefined ? {} : { advice }),
        }),
      );
    const { progress: steps, result: outcome } = await run(
      'increase maxIter, scale the data, or use adam',
    );
    expect(outcome).toMatchObject({ stopReason: StopReason.MaxIter, converged: false, steps: 2 });
    expect(steps.map((s) => s.final)).toEqual([false, true]);
    expect(outcome.warning).toMatch(
      /^lbfgs failed to converge after 2 iterations \(max \|g_i\| = [\d.e+-]+ > tol 1e-12\): increase maxIter, scale the data, or use adam$/,
    );
    expect((await run()).result.warning).toMatch(/\): increase maxIter or scale the data$/);
  });

  it('keeps the optimizer’s own warning for other failures', async () => {
    // A gradient of the wrong sign: no step along the "descent" direction lowers f.
    const { result: outcome } = await drain(
      lbfgsSteps(
        { evaluate: (x) => ({ value: x[0]! * x[0]!, gradient: [-2 * x[0]!] }) },
        Float64Array.of(3),
        { maxIter: 10, tol: 1e-8, advice: 'never shown' },
      ),
    );
    expect(outcome.stopReason).toBe(StopReason.LineSearchFailed);
    expect(outcome.warning).toMatch(/check the gradient against finite differences/);
  });

  it('awaits beforeEvaluation before every evaluation, and works with async objectives', async () => {
    const objective = leastSquaresTraining(problem);
    const order: string[] = [];
    const { result: outcome } = await drain(
      lbfgsSteps(
        {
          evaluate: async (x) => {
            order.push('evaluate');
            return objective.evaluate(x);
          },
        },
        new Float64Array(4),
        {
          maxIter: 5,
          tol: 1e-12,
          beforeEvaluation: async () => {
            await new Promise((resolve) => setImmediate(resolve));
            order.push('before');
          },
        },
      ),
    );
    expect(order).toHaveLength(2 * outcome.evaluations);
    expect(order.every((what, i) => what === (i % 2 === 0 ? 'before' : 'evaluate'))).toBe(true);
  });

  it('uses the history size it is given', async () => {
    const run = (historySize: number) =>
      drain(
        lbfgsSteps(leastSquaresTraining(makeLeastSquares(80, 12, 0.5, 5)), new Float64Array(12), {
          maxIter: 200,
          tol: 1e-10,
          historySize,
        }),
      );
    const [one, ten] = await Promise.all([run(1), run(10)]);
    expect(one.result.converged && ten.result.converged).toBe(true);
    expect(one.result.steps).toBeGreaterThan(ten.result.steps);
  });

  it('stops at the next iteration when aborted, and stops evaluating when the consumer leaves', async () => {
    const controller = new AbortController();
    const run = lbfgsSteps(leastSquaresTraining(problem), new Float64Array(4), {
      maxIter: 100,
      tol: 1e-12,
      signal: controller.signal,
    });
    const first = (await run.next()).value as SolverStep;
    expect(first.final).toBe(false);
    controller.abort();
    const rest = await drain(run);
    expect(rest.progress).toEqual([]);
    expect(rest.result).toMatchObject({ stopReason: StopReason.Aborted, steps: 1 });
    expect(Array.from(rest.result.x)).toEqual(Array.from(first.x));

    const objective = leastSquaresTraining(problem);
    const leaving = lbfgsSteps(objective, new Float64Array(4), { maxIter: 100, tol: 1e-12 });
    await leaving.next();
    const callsThen = objective.calls.full;
    await leaving.return(undefined as never);
    expect(await leaving.next()).toEqual({ done: true, value: undefined });
    expect(objective.calls.full).toBe(callsThen);
  });
});
