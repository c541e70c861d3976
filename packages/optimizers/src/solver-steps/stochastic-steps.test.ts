import { describe, expect, it } from 'vitest';
import { StopReason } from '../stop-reason.js';
import { drain } from '../test-support/drain.js';
import { makeLeastSquares } from '../test-support/least-squares.js';
import { leastSquaresTraining } from '../test-support/training-objective.js';
import type { TrainingObjective } from './solver-step.js';
import { type StochasticStepsOptions, stochasticSteps } from './stochastic-steps.js';

const problem = makeLeastSquares(200, 5, 0.1, 7);

const base: StochasticStepsOptions = {
  solver: 'sgd',
  learningRate: 0.05,
  batchSize: 50,
  epochs: 3,
  momentum: 0.9,
  seed: 1,
  convergence: { by: 'full-gradient', tol: 1e3 },
};

/** One batch per epoch whose loss is the next scripted value (zero gradient: x stays put). */
function scriptedLoss(losses: number[]): TrainingObjective {
  let call = 0;
  return {
    numSamples: 4,
    evaluate: (x) => ({ value: 0, gradient: new Float64Array(x.length) }),
    evaluateBatch: (x) => ({ value: losses[call++]!, gradient: new Float64Array(x.length) }),
  };
}

describe('stochasticSteps with an Adam engine', () => {
  it("reads each epoch's point through the engine's savePoint, and its moments only for the end state", async () => {
    const calls: string[] = [];
    const objective: TrainingObjective = {
      numSamples: 8,
      evaluate: (x) => ({ value: 0, gradient: new Float64Array(x.length) }),
      evaluateBatch: () => {
        throw new Error('with an engine, adam never calls evaluateBatch');
      },
      adamEngine: {
        dimension: 3,
        load: () => calls.push('load'),
        step: () => ({ value: 1, finite: true, normInf: 0, sumOfSquares: 0 }),
        save: (x, m, v) => {
          calls.push('save');
          x.fill(2);
          m.fill(3);
          v.fill(4);
        },
        savePoint: (x) => {
          calls.push('point');
          x.fill(2);
        },
      },
    };
    const { progress, result } = await drain(
      stochasticSteps(objective, new Float64Array(3), {
        ...base,
        solver: 'adam',
        batchSize: 4,
        convergence: { by: 'patience', tol: 1e-4, epochs: 10 },
      }),
    );
    expect(progress.map((p) => Array.from(p.x))).toEqual([
      [2, 2, 2],
      [2, 2, 2],
      [2, 2, 2],
    ]);
    // The moments come over as the run ends; the end state is built from them when read.
    expect(calls).toEqual(['load', 'point', 'point', 'point', 'save']);
    expect(Object.getOwnPropertyDescriptor(result, 'state')?.get).toBeDefined();
    expect(result.state).toMatchObject({ x: [2, 2, 2], buffers: { m: [3, 3, 3], v: [4, 4, 4] } });
    expect(calls).toHaveLength(5);
  });
});

describe('stochasticSteps judged on the full gradient', () => {
  it('yields one step per epoch and ends with the exact objective, gradient and accuracy at x', async () => {
    const objective = leastSquaresTraining(problem);
    const { progress: steps, result: outcome } = await drain(
      stochasticSteps(objective, new Float64Array(5), base),
    );
    expect(steps.map((s) => `${s.step}:${s.evaluations}:${s.final}`)).toEqual([
      '1:4:false',
      '2:8:false',
      '3:12:true',
    ]);
    expect(steps.every((s) => s.learningRate === 0.05 && s.stepSize === undefined)).toBe(true);
    expect(objective.calls).toEqual({ full: 1, batch: 12 });
    const exact = objective.evaluate(outcome.x);
    expect(outcome).toMatchObject({
      stopReason: 'epochs',
      converged: true,
      steps: 3,
      evaluations: 12,
      objective: exact.value,
      correct: exact.correct,
    });
    expect(outcome.gradientNorm).toBe(Math.max(...Array.from(exact.gradient, Math.abs)));
    expect(outcome.message).toMatch(
      /^finished 3 epochs \(12 steps\); .*; max \|g_i\| = [\d.e+-]+ ≤ tol 1000 on the full training set, objective [\d.e+-]+$/,
    );
    expect(outcome.warning).toBeUndefined();
  });

  it('runs every epoch at tol 0 and never calls the end point converged', async () => {
    const { progress: steps, result: outcome } = await drain(
      stochasticSteps(leastSquaresTraining(problem), new Float64Array(5), {
        ...base,
        convergence: { by: 'full-gradient', tol: 0 },
      }),
    );
    expect(steps.map((s) => s.step)).toEqual([1, 2, 3]);
    expect(outcome).toMatchObject({ stopReason: 'epochs', converged: false, steps: 3 });
    expect(outcome.message).toMatch(/max \|g_i\| = [\d.e+-]+ > tol 0 on the full training set/);
  });

  it('follows the given learning-rate schedule, and a constant rate without one', async () => {
    const run = (schedule?: StochasticStepsOptions['schedule']) =>
      drain(
        stochasticSteps(leastSquaresTraining(problem), new Float64Array(5), {
          ...base,
          ...(schedule === undefined ? {} : { schedule }),
        }),
      );
    // Linear per step over 3 epochs × 4 batches from 0.05: the last step of epoch e is
    // step 4e − 1 (0-based), at 0.05 · (1 − (4e − 1) / 12).
    const linear = await run({ type: 'linear', per: 'step' });
    const expected = [1, 2, 3].map((e) => 0.05 * (1 - (4 * e - 1) / 12));
    for (const [i, s] of linear.progress.entries())
      expect(s.learningRate).toBeCloseTo(expected[i]!, 15);
    const constant = await run();
    expect(constant.progress.map((s) => s.learningRate)).toEqual([0.05, 0.05, 0.05]);
  });

  it("warns with the caller's advice when the epochs run out above tol", async () => {
    const { result: outcome } = await drain(
      stochasticSteps(leastSquaresTraining(problem), new Float64Array(5), {
        ...base,
        solver: 'adam',
        convergence: { by: 'full-gradient', tol: 1e-12 },
        advice: 'increase epochs, tune learningRate/batchSize, scale the data, or use lbfgs',
      }),
    );
    expect(outcome).toMatchObject({ stopReason: 'epochs', converged: false });
    expect(outcome.warning).toMatch(
      /^adam did not converge in 3 epochs \(max \|g_i\| = [\d.e+-]+ > tol 1e-12 on the full training set\): increase epochs, tune learningRate\/batchSize, scale the data, or use lbfgs$/,
    );
  });

  it('never calls an aborted run converged, however small its gradient', async () => {
    const controller = new AbortController();
    const run = stochasticSteps(leastSquaresTraining(problem), new Float64Array(5), {
      ...base,
      signal: controller.signal,
    });
    await run.next();
    controller.abort();
    const { result: outcome } = await drain(run);
    expect(outcome).toMatchObject({ stopReason: StopReason.Aborted, converged: false, steps: 1 });
    expect(outcome.warning).toBeUndefined();
  });

  it('awaits beforeEvaluation before every batch and before the final full evaluation', async () => {
    const objective = leastSquaresTraining(problem);
    const order: string[] = [];
    const traced: TrainingObjective = {
      numSamples: objective.numSamples,
      evaluate: (x) => {
        order.push('full');
        return objective.evaluate(x);
      },
      evaluateBatch: (x, batch) => {
        order.push('batch');
        return objective.evaluateBatch(x, batch);
      },
    };
    await drain(
      stochasticSteps(traced, new Float64Array(5), {
        ...base,
        epochs: 1,
        beforeEvaluation: async () => {
          await new Promise((resolve) => setImmediate(resolve));
          order.push('before');
        },
      }),
    );
    expect(order).toEqual([
      ...Array.from({ length: 4 }, () => ['before', 'batch']).flat(),
      'before',
      'full',
    ]);
  });

  it('caps the batch size at the number of samples', async () => {
    const objective = leastSquaresTraining(problem);
    const { progress: steps } = await drain(
      stochasticSteps(objective, new Float64Array(5), { ...base, batchSize: 1000 }),
    );
    expect(steps.map((s) => s.evaluations)).toEqual([1, 2, 3]);
  });

  it('treats Nesterov without momentum as plain SGD, and uses it with momentum', async () => {
    const run = async (momentum: number, nesterov: boolean) =>
      (
        await drain(
          stochasticSteps(leastSquaresTraining(problem), new Float64Array(5), {
            ...base,
            momentum,
            nesterov,
          }),
        )
      ).result.x;
    expect(Array.from(await run(0, true))).toEqual(Array.from(await run(0, false)));
    expect(Array.from(await run(0.9, true))).not.toEqual(Array.from(await run(0.9, false)));
  });
});

describe('stochasticSteps judged by patience (scikit-learn MLPClassifier)', () => {
  const patience = { by: 'patience', tol: 0.01, epochs: 1 } as const;

  it('stops converged when the loss stops improving, with the last step final', async () => {
    // Counts 0, 0, 1, 2 → 2 > 1 after epoch 4.
    const { progress: steps, result: outcome } = await drain(
      stochasticSteps(scriptedLoss([1, 0.95, 0.9499, 0.96, 0.5]), new Float64Array(1), {
        ...base,
        epochs: 10,
        convergence: patience,
      }),
    );
    expect(steps.map((s) => s.final)).toEqual([false, false, false, true]);
    expect(outcome).toMatchObject({
      stopReason: StopReason.NoImprovement,
      converged: true,
      steps: 4,
      objective: 0.96,
      gradientNorm: 0,
    });
    expect(outcome.message).toMatch(
      /^training loss did not improve by more than tol 0\.01 for 2 consecutive epochs/,
    );
    expect(outcome.warning).toBeUndefined();
    expect(outcome.correct).toBeUndefined();
  });

  it('at tol 0 stops only on a loss above the best so far, as scikit-learn', async () => {
    const run = (losses: number[], tol: number) =>
      drain(
        stochasticSteps(scriptedLoss(losses), new Float64Array(1), {
          ...base,
          epochs: 4,
          convergence: { ...patience, tol },
        }),
      );
    // scikit-learn counts an epoch without improvement when loss > best − tol: at tol 0, tiny
    // decreases and a flat loss never do (at tol 0.01 both stop after epoch 3) …
    for (const losses of [
      [1, 1 - 1e-9, 1 - 2e-9, 1 - 3e-9],
      [1, 1, 1, 1],
    ]) {
      expect((await run(losses, 0)).result).toMatchObject({ stopReason: 'epochs', steps: 4 });
      expect((await run(losses, 0.01)).result).toMatchObject({
        stopReason: StopReason.NoImprovement,
        steps: 3,
      });
    }
    // … while a rising loss does, after more than `epochs` such epochs in a row.
    expect((await run([1, 1.1, 1.2, 1.3], 0)).result).toMatchObject({
      stopReason: StopReason.NoImprovement,
      steps: 3,
    });
  });

  it('warns that the loss was still improving when the epochs run out', async () => {
    const { result: outcome } = await drain(
      stochasticSteps(scriptedLoss([4, 3, 2, 1]), new Float64Array(1), {
        ...base,
        solver: 'adam',
        convergence: patience,
        advice: 'increase epochs or tune learningRate/batchSize',
      }),
    );
    expect(outcome).toMatchObject({ stopReason: 'epochs', converged: false, objective: 2 });
    expect(outcome.warning).toBe(
      'adam did not converge in 3 epochs (the training loss was still improving by more than tol 0.01): ' +
        'increase epochs or tune learningRate/batchSize',
    );
  });
});
