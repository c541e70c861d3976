import { describe, expect, it } from 'vitest';
import { StopReason } from '../stop-reason.js';
import type { SolverOutcome, SolverStep } from './solver-step.js';
import { type TrainingStepsOptions, trainingSteps } from './training-steps.js';

function step(n: number, x: number[], extra: Partial<SolverStep> = {}): SolverStep {
  return {
    step: n,
    x: Float64Array.from(x),
    evaluations: n + 1,
    objective: 1 / n,
    gradientNorm: 0.1 / n,
    final: false,
    saveState: () => {
      throw new Error('not saved in these tests');
    },
    ...extra,
  };
}

function outcome(x: number[], extra: Partial<SolverOutcome> = {}): SolverOutcome {
  return {
    x: Float64Array.from(x),
    stopReason: StopReason.MaxIter,
    converged: false,
    message: 'stopped',
    steps: 3,
    evaluations: 4,
    objective: 0.3,
    gradientNorm: 0.03,
    ...extra,
  };
}

/** A solver run that yields `steps` and returns `end`, noting whether it was closed. */
function scripted(steps: SolverStep[], end: SolverOutcome) {
  const state = { closed: false };
  async function* run(): AsyncGenerator<SolverStep, SolverOutcome, undefined> {
    try {
      for (const s of steps) yield s;
      return end;
    } finally {
      state.closed = true;
    }
  }
  return { run: run(), state };
}

function options(every: number, calls: string[]): TrainingStepsOptions<number[]> {
  return {
    model: (x) => Array.from(x),
    numSamples: 10,
    trainAccuracyEvery: every,
    trainAccuracy: (x) => {
      calls.push(`accuracy at ${x[0]}`);
      return x[0] as number;
    },
    beforeEvaluation: () => {
      calls.push('before');
    },
  };
}

async function collect<S, E>(run: AsyncGenerator<S, E, undefined>) {
  const steps: S[] = [];
  for (;;) {
    const next = await run.next();
    if (next.done) return { steps, end: next.value };
    steps.push(next.value);
  }
}

describe('trainingSteps', () => {
  it('maps each solver step to the model at its x, with the accuracy on due and final steps', async () => {
    const calls: string[] = [];
    const { run } = scripted(
      [
        step(1, [0.1], { stepSize: 0.5, correct: 3 }),
        step(2, [0.2], { learningRate: 0.01 }),
        step(3, [0.3], { final: true, correct: 7 }),
      ],
      outcome([0.3], { correct: 7, warning: 'more iterations' }),
    );
    const { steps, end } = await collect(trainingSteps(run, options(2, calls)));
    expect(steps).toEqual([
      {
        model: [0.1],
        step: 1,
        final: false,
        objective: 1,
        gradientNorm: 0.1,
        evaluations: 2,
        stepSize: 0.5,
        saveState: expect.any(Function),
      },
      {
        model: [0.2],
        step: 2,
        final: false,
        objective: 0.5,
        gradientNorm: 0.05,
        evaluations: 3,
        learningRate: 0.01,
        trainAccuracy: 0.2,
        saveState: expect.any(Function),
      },
      {
        model: [0.3],
        step: 3,
        final: true,
        objective: 1 / 3,
        gradientNorm: 0.1 / 3,
        evaluations: 4,
        trainAccuracy: 0.7,
        saveState: expect.any(Function),
      },
    ]);
    // The run ended at its last step's x: no new model, and the count the solver gave.
    expect(end).toEqual({
      stopReason: StopReason.MaxIter,
      converged: false,
      message: 'stopped',
      warning: 'more iterations',
      steps: 3,
      evaluations: 4,
      objective: 0.3,
      gradientNorm: 0.03,
      trainAccuracy: 0.7,
    });
    expect(calls).toEqual(['before', 'before', 'accuracy at 0.2', 'before', 'before']);
  });

  it('measures an accuracy once per point, and ends with a model where the run left its last step', async () => {
    const calls: string[] = [];
    const { run } = scripted([step(1, [0.4], { final: true })], outcome([0.5]));
    const { steps, end } = await collect(trainingSteps(run, options(1, calls)));
    expect(steps[0]?.trainAccuracy).toBe(0.4);
    expect(end).toMatchObject({ model: [0.5], trainAccuracy: 0.5 });
    expect(calls).toEqual(['before', 'accuracy at 0.4', 'before', 'before', 'accuracy at 0.5']);

    const again: string[] = [];
    const same = scripted([step(1, [0.4], { final: true })], outcome([0.4]));
    const ended = await collect(trainingSteps(same.run, options(1, again)));
    expect(ended.end.model).toBeUndefined();
    expect(ended.end.trainAccuracy).toBe(0.4);
    expect(again.filter((c) => c.startsWith('accuracy'))).toEqual(['accuracy at 0.4']);
  });

  it("passes the solver's end state on unread: a state built when read stays so", async () => {
    let reads = 0;
    const end = outcome([0.5]);
    Object.defineProperty(end, 'state', {
      enumerable: true,
      get() {
        reads++;
        return { kind: 'scripted' };
      },
    });
    const { run } = scripted([step(1, [0.4])], end);
    const { end: ended } = await collect(trainingSteps(run, options(1, [])));
    expect(reads).toBe(0);
    expect(ended).toMatchObject({ model: [0.5], message: 'stopped', steps: 3, trainAccuracy: 0.5 });
    expect(ended.state).toEqual({ kind: 'scripted' });
    expect(reads).toBe(1);
    expect('x' in ended || 'correct' in ended).toBe(false);
  });

  it("without a trainAccuracy function reports only the solver's counts and measures nothing", async () => {
    const calls: string[] = [];
    const { run } = scripted(
      [step(1, [0.1], { correct: 3 }), step(2, [0.2]), step(3, [0.3], { final: true })],
      outcome([0.4]),
    );
    const { trainAccuracy: _measured, ...countsOnly } = options(1, calls);
    const { steps, end } = await collect(trainingSteps(run, countsOnly));
    expect(steps.map((s) => s.trainAccuracy)).toEqual([0.3, undefined, undefined]);
    expect(end.trainAccuracy).toBeUndefined();
    expect(end).toMatchObject({ model: [0.4] });
    expect(calls.some((c) => c.startsWith('accuracy'))).toBe(false);
  });

  it('reports no accuracy at trainAccuracyEvery 0, and closes the solver when closed early', async () => {
    const calls: string[] = [];
    const { run, state } = scripted([step(1, [0.1]), step(2, [0.2])], outcome([0.2]));
    const steps = trainingSteps(run, options(0, calls));
    const first = await steps.next();
    expect(first.done === false && first.value.trainAccuracy).toBeUndefined();
    expect(state.closed).toBe(false);
    await steps.return(undefined as never);
    expect(state.closed).toBe(true);
    expect(calls.some((c) => c.startsWith('accuracy'))).toBe(false);
  });
});
