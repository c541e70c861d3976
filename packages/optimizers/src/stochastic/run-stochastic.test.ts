import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, OptimizerStateError } from '../errors.js';
import type { MiniBatchObjective } from '../objective.js';
import { StopReason } from '../stop-reason.js';
import { drain } from '../test-support/drain.js';
import { noisyLeastSquares } from '../test-support/least-squares.js';
import { adam, minimizeAdam } from './adam.js';
import { epochPermutation } from './epoch-permutation.js';
import type { EpochProgress } from './epoch-progress.js';
import { minimizeSgd, type SgdOptions, sgd } from './sgd.js';
import type { AdamState, SgdState } from './stochastic-state.js';

const { objective, exact } = noisyLeastSquares(200, 5, 0.1, 7);

/**
 * What SGD does on a flat objective (zero gradient): the sample indices of every mini-batch it asks
 * for, in order, and the learning rate of every progress report.
 */
async function flatRun(
  dimension: number,
  options: SgdOptions,
): Promise<{ batches: number[][]; rates: number[] }> {
  const batches: number[][] = [];
  const rates: number[] = [];
  await minimizeSgd(
    (x, batch) => {
      batches.push(Array.from(batch));
      return { value: 0, gradient: new Float64Array(x.length) };
    },
    new Float64Array(dimension),
    { ...options, onProgress: (p) => void rates.push(p.learningRate) },
  );
  return { batches, rates };
}

/** Options that abort the run from its own progress reports, at the first one `stop` holds for. */
function abortWhen(stop: (p: EpochProgress) => boolean): {
  signal: AbortSignal;
  onProgress: (p: EpochProgress) => void;
} {
  const controller = new AbortController();
  return {
    signal: controller.signal,
    onProgress: (p) => {
      if (stop(p)) controller.abort();
    },
  };
}

describe('mini-batches', () => {
  it('cover every sample exactly once per epoch in the seeded order, last batch smaller', async () => {
    const { batches } = await flatRun(2, { numSamples: 10, batchSize: 4, epochs: 3, seed: 5 });
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2, 4, 4, 2, 4, 4, 2]);
    for (let e = 0; e < 3; e++) {
      const epoch = batches.slice(3 * e, 3 * e + 3).flat();
      expect(epoch).toEqual(Array.from(epochPermutation(5, e, 10)));
    }
    expect(batches.slice(0, 3).flat()).not.toEqual(batches.slice(3, 6).flat());
  });

  it('visit samples in index order with shuffle: false', async () => {
    const { batches } = await flatRun(1, {
      numSamples: 5,
      batchSize: 2,
      epochs: 1,
      shuffle: false,
    });
    expect(batches).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('report the mean training loss weighted by batch size, and step progress when asked', async () => {
    // value = mean of the batch's indices, so the epoch mean is the mean of 0 … 9 = 4.5 whatever
    // the order, while the running mean after the first batch is that batch's mean.
    const means: number[] = [];
    const { progress } = await drain(
      sgd(
        (x, batch) => {
          const value = batch.reduce((s, i) => s + i, 0) / batch.length;
          means.push(value);
          return { value, gradient: new Float64Array(x.length) };
        },
        new Float64Array(1),
        { numSamples: 10, batchSize: 4, epochs: 2, progressEverySteps: 1 },
      ),
    );
    expect(progress.map((p) => `${p.kind}:${p.epoch}:${p.step}`)).toEqual([
      'step:1:1',
      'step:1:2',
      'epoch:1:3',
      'step:2:4',
      'step:2:5',
      'epoch:2:6',
    ]);
    expect(progress[0]!.loss).toBe(means[0]);
    expect(progress[2]!.loss).toBeCloseTo(4.5, 14);
    expect(progress[5]!.loss).toBeCloseTo(4.5, 14);
  });
});

describe('early stopping on a validation metric', () => {
  const scripted = (values: number[]) => {
    let call = 0;
    return () => values[call++]!;
  };
  const base: SgdOptions = { numSamples: 200, batchSize: 50, epochs: 20, learningRate: 0.05 };

  it('stops after `patience` epochs without improvement and restores the best epoch’s x', async () => {
    const { progress, result } = await drain(
      sgd(objective, new Float64Array(5), {
        ...base,
        validation: { evaluate: scripted([5, 4, 2, 3, 3.5, 4, 6, 1]), patience: 3 },
      }),
    );
    expect(result.stopReason).toBe(StopReason.EarlyStopping);
    expect(result.epochs).toBe(6);
    expect(result.bestEpoch).toBe(3);
    expect(result.bestValidation).toBe(2);
    expect(result.restoredBest).toBe(true);
    expect(result.x).toEqual(progress.find((p) => p.epoch === 3)!.x);
    expect(result.x).not.toEqual(progress.at(-1)!.x);
    expect(result.message).toMatch(
      /^early stopping: .* for 3 epochs .* x restored from epoch 3 \(best validation 2\)$/,
    );
    expect(progress.map((p) => p.validation)).toEqual([5, 4, 2, 3, 3.5, 4]);
  });

  it("in 'max' mode with minDelta, and keeps the last x with restoreBest: false", async () => {
    const { progress, result } = await drain(
      sgd(objective, new Float64Array(5), {
        ...base,
        validation: {
          evaluate: scripted([0.5, 0.7, 0.705, 0.71, 0.6]),
          mode: 'max',
          minDelta: 0.02,
          patience: 3,
          restoreBest: false,
        },
      }),
    );
    // 0.705 and 0.71 do not beat 0.7 by more than 0.02; 0.6 is worse: three bad epochs.
    expect(result.bestEpoch).toBe(2);
    expect(result.epochs).toBe(5);
    expect(result.restoredBest).toBe(false);
    expect(result.x).toEqual(progress.at(-1)!.x);
  });

  it('restores the best x on abort too', async () => {
    const { progress, result } = await drain(
      sgd(objective, new Float64Array(5), {
        ...base,
        validation: { evaluate: scripted([3, 1, 2, 2]) },
        ...abortWhen((p) => p.epoch === 3),
      }),
    );
    expect(result.stopReason).toBe(StopReason.Aborted);
    expect(result.epochs).toBe(3);
    expect(result.x).toEqual(progress[1]!.x);
  });
});

describe('the final flag', () => {
  it('marks the last epoch report only; step reports are not final', async () => {
    const { progress, result } = await drain(
      sgd(objective, new Float64Array(5), {
        numSamples: 200,
        batchSize: 50,
        epochs: 3,
        progressEverySteps: 2,
      }),
    );
    expect(result.stopReason).toBe(StopReason.MaxEpochs);
    expect(progress.map((p) => `${p.kind}:${p.epoch}:${p.final}`)).toEqual([
      'step:1:false',
      'epoch:1:false',
      'step:2:false',
      'epoch:2:false',
      'step:3:false',
      'epoch:3:true',
    ]);
  });

  it('marks the epoch that triggers early stopping', async () => {
    const metrics = [3, 2, 2.5, 2.5];
    let call = 0;
    const { progress, result } = await drain(
      adam(objective, new Float64Array(5), {
        numSamples: 200,
        batchSize: 50,
        epochs: 10,
        validation: { evaluate: () => metrics[call++]!, patience: 2 },
      }),
    );
    expect(result.stopReason).toBe(StopReason.EarlyStopping);
    expect(progress.map((p) => p.final)).toEqual([false, false, false, true]);
  });

  it('marks a report made after the signal fired, mid-epoch or at an epoch end', async () => {
    /** The least-squares objective, firing `controller` on its `call`-th evaluation. */
    const abortingAt = (call: number, controller: AbortController): MiniBatchObjective => {
      let calls = 0;
      return (x, batch) => {
        if (++calls === call) controller.abort();
        return objective(x, batch);
      };
    };
    const controller = new AbortController();
    const { progress, result } = await drain(
      sgd(abortingAt(8, controller), new Float64Array(5), {
        numSamples: 200,
        batchSize: 50,
        epochs: 10,
        signal: controller.signal,
      }),
    );
    // The eighth call is the last batch of epoch 2: the report at that epoch's end is final.
    expect(result.stopReason).toBe(StopReason.Aborted);
    expect(result.epochs).toBe(2);
    expect(progress.map((p) => p.final)).toEqual([false, true]);
    const stepwise = new AbortController();
    const steps = await drain(
      sgd(abortingAt(2, stepwise), new Float64Array(5), {
        numSamples: 200,
        batchSize: 50,
        progressEverySteps: 1,
        signal: stepwise.signal,
      }),
    );
    expect(steps.progress.map((p) => `${p.kind}:${p.step}:${p.final}`)).toEqual([
      'step:1:false',
      'step:2:true',
    ]);
    expect(steps.result.steps).toBe(2);
  });
});

describe('patience: stop when the training loss stops improving (scikit-learn n_iter_no_change)', () => {
  /** One batch per epoch whose loss is the next scripted value (zero gradient: x stays put). */
  const scriptedLoss = (losses: number[]): MiniBatchObjective => {
    let call = 0;
    return (x) => ({ value: losses[call++]!, gradient: new Float64Array(x.length) });
  };
  const oneBatch = { numSamples: 4, batchSize: 4, epochs: 20 };

  it('counts epochs not below best − tol, resets on a real improvement, stops when the count exceeds epochs', async () => {
    // best:   1, 0.95, 0.9499, 0.9499, 0.8, 0.79995 (follows every decrease, even one < tol)
    // counts: 0, 0,    1,      2,      0,   1       → 2 > 1 after epoch 4.
    const { progress, result } = await drain(
      sgd(scriptedLoss([1, 0.95, 0.9499, 0.96, 0.8, 0.79995]), new Float64Array(1), {
        ...oneBatch,
        patience: { tol: 0.01, epochs: 1 },
      }),
    );
    expect(result.stopReason).toBe(StopReason.NoImprovement);
    expect(result.converged).toBe(true);
    expect(result.epochs).toBe(4);
    expect(progress.map((p) => p.final)).toEqual([false, false, false, true]);
    expect(result.message).toBe(
      'training loss did not improve by more than tol 0.01 for 2 consecutive epochs (patience 1); ' +
        'best epoch loss 0.95 after 4 epochs',
    );
    expect(result.state.noImprovement).toEqual({ bestLoss: 0.9499, badEpochs: 2 });
  });

  it('an improvement by exactly tol resets the count; with epochs 0 one bad epoch stops', async () => {
    // 0.75 = 1 − 0.25 exactly (both binary fractions): not above best − tol, so it resets.
    const reset = await drain(
      sgd(scriptedLoss([1, 0.75, 0.75, 1]), new Float64Array(1), {
        ...oneBatch,
        patience: { tol: 0.25, epochs: 0 },
      }),
    );
    expect(reset.result.epochs).toBe(3);
    expect(reset.result.stopReason).toBe(StopReason.NoImprovement);
  });

  it('leaves max-epochs (not converged) when the loss keeps improving, and yields to an abort', async () => {
    const losses = Array.from({ length: 20 }, (_, i) => 10 - i);
    const improving = await minimizeSgd(scriptedLoss(losses), new Float64Array(1), {
      ...oneBatch,
      epochs: 6,
      patience: { tol: 0.5, epochs: 1 },
    });
    expect(improving.stopReason).toBe(StopReason.MaxEpochs);
    expect(improving.converged).toBe(false);
    // Epoch 3 both exhausts the patience and sees the abort: the abort wins.
    const aborted = await minimizeSgd(scriptedLoss([1, 1, 1, 1]), new Float64Array(1), {
      ...oneBatch,
      patience: { tol: 0, epochs: 1 },
      ...abortWhen((p) => p.epoch === 3),
    });
    expect(aborted.stopReason).toBe(StopReason.Aborted);
    expect(aborted.converged).toBe(false);
  });

  it('resumes with its count: a run saved at epoch 2 stops where the uninterrupted one does', async () => {
    const losses = [1, 0.9, 0.95, 0.93, 0.92, 0.91, 0.5];
    const options = { ...oneBatch, patience: { tol: 0.05, epochs: 2 } };
    let saved: SgdState | undefined;
    const full = await minimizeSgd(scriptedLoss(losses), new Float64Array(1), {
      ...options,
      onProgress: (p) => {
        if (p.epoch === 3) saved = JSON.parse(JSON.stringify(p.saveState())) as SgdState;
      },
    });
    expect(full.stopReason).toBe(StopReason.NoImprovement);
    expect(full.epochs).toBe(5);
    expect(saved?.noImprovement).toEqual({ bestLoss: 0.9, badEpochs: 1 });
    const resumed = await minimizeSgd(scriptedLoss(losses.slice(3)), saved!, options);
    expect(resumed.stopReason).toBe(StopReason.NoImprovement);
    expect(resumed.epochs).toBe(5);
    expect(resumed.message).toBe(full.message);
    // A state saved without patience (or before the field existed) resumes with a fresh count:
    // 0.93 becomes the best, 0.92 and 0.91 make 2 (not > 2), 0.5 resets; epoch 7 ends the run.
    const { noImprovement: _, ...older } = saved!;
    const fresh = await minimizeSgd(scriptedLoss(losses.slice(3)), older as unknown as SgdState, {
      ...options,
      epochs: 7,
    });
    expect(fresh.stopReason).toBe(StopReason.MaxEpochs);
    expect(fresh.state.noImprovement).toEqual({ bestLoss: 0.5, badEpochs: 0 });
  });

  it('rejects a negative tol or a fractional epoch count', async () => {
    const run = (patience: { tol: number; epochs: number }) =>
      minimizeSgd(scriptedLoss([1]), new Float64Array(1), { ...oneBatch, patience });
    await expect(run({ tol: -1, epochs: 1 })).rejects.toThrow(
      new InvalidArgumentError('patience.tol', 'a finite number ≥ 0', -1),
    );
    await expect(run({ tol: 0, epochs: 1.5 })).rejects.toThrow(/invalid patience.epochs/);
  });
});

describe('adaptive schedule inside a run', () => {
  it('divides the learning rate by 5 after `patience` epochs without training-loss improvement', async () => {
    // Constant loss (zero gradient): epoch 1 sets the best, epochs 2 and 3 fail → divide after 3.
    const { rates } = await flatRun(1, {
      numSamples: 4,
      batchSize: 4,
      epochs: 6,
      learningRate: 0.1,
      schedule: { type: 'adaptive', patience: 2 },
    });
    // The rate reported for epoch k is the one used during it.
    expect(rates).toEqual([0.1, 0.1, 0.1, 0.02, 0.02, 0.004]);
  });
});

describe('decaying schedules inside a run', () => {
  it("cosine per 'step' uses the hand-computed rate at every step, across epochs", async () => {
    // 6 samples in batches of 4 (2 steps per epoch) for 2 epochs: T = 4 steps,
    // 0.2 · (1 + cos(π t / 4)) / 2 for t = 0 … 3.
    const { rates } = await flatRun(1, {
      numSamples: 6,
      batchSize: 4,
      epochs: 2,
      learningRate: 0.2,
      schedule: { type: 'cosine', per: 'step' },
      progressEverySteps: 1,
    });
    const expected = [0.2, 0.17071067811865476, 0.1, 0.029289321881345254];
    expect(rates).toHaveLength(4);
    for (const [t, rate] of rates.entries()) expect(rate).toBeCloseTo(expected[t]!, 15);
  });

  it('SGD with a linear schedule takes x ← x − lr_t·g with lr_t from the schedule', async () => {
    // f(x) = x² / 2 on one sample (g = x), plain SGD, 4 epochs, linear per epoch from 0.5:
    // rates 0.5, 0.375, 0.25, 0.125, so x = 1 · 0.5 · 0.625 · 0.75 · 0.875.
    const result = await minimizeSgd(
      (x) => ({ value: (x[0]! * x[0]!) / 2, gradient: Float64Array.of(x[0]!) }),
      Float64Array.of(1),
      { numSamples: 1, epochs: 4, learningRate: 0.5, schedule: { type: 'linear' } },
    );
    expect(result.x[0]).toBeCloseTo(0.5 * 0.625 * 0.75 * 0.875, 15);
  });
});

describe('save and resume', () => {
  const options: SgdOptions = {
    numSamples: 200,
    batchSize: 16,
    epochs: 8,
    learningRate: 0.05,
    momentum: 0.9,
    nesterov: true,
    weightDecay: 1e-3,
    seed: 99,
    progressEverySteps: 5,
    schedule: { type: 'adaptive', patience: 1, minDelta: 1e-3 },
    validation: {
      evaluate: (x) => Math.hypot(...Array.from(x, (v, i) => v - exact[i]!)),
      patience: 100,
    },
  };

  it('SGD resumed mid-epoch from a progress report (through JSON) ends bit for bit as uninterrupted', async () => {
    let saved: SgdState | undefined;
    const full = await minimizeSgd(objective, new Float64Array(5), {
      ...options,
      onProgress: (p) => {
        if (p.step === 30) saved = JSON.parse(JSON.stringify(p.saveState())) as SgdState;
      },
    });
    // 13 batches per epoch (200 / 16, the last one of 8): step 30 is batch 4 of epoch 3.
    expect(saved?.batchIndex).toBe(30 - 2 * 13);
    const resumed = await minimizeSgd(objective, saved!, options);
    expect(Array.from(resumed.x)).toEqual(Array.from(full.x));
    expect(resumed.steps).toBe(full.steps);
    expect(resumed.loss).toBe(full.loss);
    expect(resumed.bestEpoch).toBe(full.bestEpoch);
    expect(resumed.state.adaptive).toEqual(full.state.adaptive);
  });

  it('Adam aborted after 3 epochs and resumed from result.state ends bit for bit as uninterrupted', async () => {
    const adamOptions = { numSamples: 200, batchSize: 32, epochs: 7, learningRate: 0.05, seed: 3 };
    const full = await minimizeAdam(objective, new Float64Array(5), adamOptions);
    const first = await minimizeAdam(objective, new Float64Array(5), {
      ...adamOptions,
      ...abortWhen((p) => p.epoch === 3),
    });
    expect(first.stopReason).toBe(StopReason.Aborted);
    expect(first.epochs).toBe(3);
    const state = JSON.parse(JSON.stringify(first.state)) as AdamState;
    const resumed = await minimizeAdam(objective, state, adamOptions);
    expect(Array.from(resumed.x)).toEqual(Array.from(full.x));
    expect(resumed.state.buffers).toEqual(full.state.buffers);
    expect(resumed.stopReason).toBe(StopReason.MaxEpochs);
  });

  it.each([
    ['cosine', { type: 'cosine', per: 'step' }],
    ['linear', { type: 'linear', per: 'step', lrMin: 1e-3 }],
  ] as const)(
    'Adam stopped mid-epoch in a %s schedule and resumed (through JSON) takes identical steps',
    async (_, schedule) => {
      const scheduled = {
        numSamples: 200,
        batchSize: 32,
        epochs: 5,
        learningRate: 0.05,
        seed: 4,
        schedule,
        progressEverySteps: 1,
      };
      const trace = (xs: number[][], rates: number[]) => (p: EpochProgress<AdamState>) => {
        xs.push(Array.from(p.x));
        rates.push(p.learningRate);
      };
      const fullX: number[][] = [];
      const fullRates: number[] = [];
      const full = await minimizeAdam(objective, new Float64Array(5), {
        ...scheduled,
        onProgress: trace(fullX, fullRates),
      });
      // 7 batches per epoch: step 17 is batch 3 of epoch 3, where the rate is already decaying.
      const first = await minimizeAdam(objective, new Float64Array(5), {
        ...scheduled,
        ...abortWhen((p) => p.step === 17),
      });
      expect(first.stopReason).toBe(StopReason.Aborted);
      expect(first.state).toMatchObject({ step: 17, epoch: 2, batchIndex: 3, schedule });
      const state = JSON.parse(JSON.stringify(first.state)) as AdamState;
      const resumedX: number[][] = [];
      const resumedRates: number[] = [];
      // The schedule comes from the state when the options leave it out.
      const { schedule: _omitted, ...withoutSchedule } = scheduled;
      const resumed = await minimizeAdam(objective, state, {
        ...withoutSchedule,
        onProgress: trace(resumedX, resumedRates),
      });
      expect(resumedRates).toEqual(fullRates.slice(17));
      expect(resumedX).toEqual(fullX.slice(17));
      expect(Array.from(resumed.x)).toEqual(Array.from(full.x));
      expect(resumed.state.buffers).toEqual(full.state.buffers);
      // The resume point was mid-decay: the run ends far below where it started.
      expect(fullRates[17]).toBeLessThan(0.05);
      expect(fullRates.at(-1)).toBeLessThan(0.05 / 10);
    },
  );

  it('refuses to resume on a different schedule, and reads states saved before schedules were', async () => {
    const cosine = { ...options, epochs: 1, schedule: { type: 'cosine', per: 'step' } } as const;
    const { state } = await minimizeSgd(objective, new Float64Array(5), cosine);
    await expect(
      minimizeSgd(objective, state, { ...cosine, schedule: { type: 'cosine' } }),
    ).rejects.toThrow(
      /cannot resume: .*schedule: state has \{"type":"cosine","per":"step"\}, options have \{"type":"cosine"\}/,
    );
    const { schedule: _, ...older } = state;
    const resumed = await minimizeSgd(objective, older as unknown as SgdState, {
      ...cosine,
      epochs: 2,
      schedule: { type: 'constant' },
    });
    expect(resumed.state.schedule).toEqual({ type: 'constant' });
    await expect(
      minimizeSgd(objective, { ...state, schedule: { type: 'cosine', lrMin: -1 } }, cosine),
    ).rejects.toThrow(/sgd state field 'schedule': invalid schedule.lrMin/);
  });

  it('refuses to resume with a different seed or batch size, or from another optimizer’s state', async () => {
    const { state } = await minimizeSgd(objective, new Float64Array(5), { ...options, epochs: 1 });
    await expect(minimizeSgd(objective, state, { ...options, seed: 1 })).rejects.toThrow(
      /cannot resume: .*seed: state has 99, options have 1/,
    );
    await expect(minimizeSgd(objective, state, { ...options, batchSize: 8 })).rejects.toThrow(
      OptimizerStateError,
    );
    const run = adam(objective, state as unknown as AdamState, { numSamples: 200 });
    await expect(run.next()).rejects.toThrow(
      "expected a saved state with kind 'adam', found kind 'sgd'",
    );
  });

  it('refuses a stale saveState()', async () => {
    const run = sgd(objective, new Float64Array(5), { numSamples: 200, batchSize: 50, epochs: 3 });
    const first = (await run.next()).value as EpochProgress<SgdState>;
    await run.next();
    expect(() => first.saveState()).toThrow(OptimizerStateError);
    expect(() => first.x).toThrow(
      /progress.x of step 4 was first used after the optimizer moved on to step 8/,
    );
  });
});

describe('failures and bad input', () => {
  it("stops with 'non-finite' and advice when the loss becomes NaN", async () => {
    let calls = 0;
    const nanLater: MiniBatchObjective = (x, batch) => {
      calls++;
      if (calls === 4) return { value: Number.NaN, gradient: new Float64Array(x.length) };
      return objective(x, batch);
    };
    const result = await minimizeSgd(nanLater, new Float64Array(5), {
      numSamples: 200,
      batchSize: 50,
    });
    expect(result.stopReason).toBe(StopReason.NonFinite);
    expect(result.steps).toBe(3);
    expect(result.message).toMatch(/non-finite loss NaN at epoch 1, step 4, batch 4 of 4/);
    expect(result.warning).toMatch(/lower the learning rate, set clipNorm/);
    expect(result.x.every(Number.isFinite)).toBe(true);
  });

  it('rejects bad options with the option name, expected and found', async () => {
    const x0 = new Float64Array(5);
    await expect(minimizeSgd(objective, x0, { numSamples: 10, batchSize: 11 })).rejects.toThrow(
      new InvalidArgumentError('batchSize', 'an integer ≤ numSamples (10)', 11),
    );
    await expect(minimizeSgd(objective, x0, { numSamples: 0 })).rejects.toThrow(
      /invalid numSamples/,
    );
    await expect(
      minimizeSgd(objective, x0, {
        numSamples: 10,
        schedule: { type: 'adaptive', monitor: 'validation' },
      }),
    ).rejects.toThrow(/schedule.monitor: expected 'loss' unless options.validation is given/);
    await expect(minimizeSgd(objective, new Float64Array(0), { numSamples: 10 })).rejects.toThrow(
      /invalid x0/,
    );
    await expect(minimizeSgd(objective, x0, { numSamples: 10, learningRate: 0 })).rejects.toThrow(
      /invalid learningRate/,
    );
  });

  it('rejects a gradient of the wrong length, naming the step', async () => {
    await expect(
      minimizeSgd(() => ({ value: 0, gradient: [0, 0] }), new Float64Array(3), {
        numSamples: 4,
        batchSize: 2,
      }),
    ).rejects.toThrow(
      'the objective gradient has length 2, expected 3 (epoch 1, step 1, batch 1 of 2)',
    );
  });

  it('never modifies x0 and hands the objective a copy it may scribble on', async () => {
    const x0 = Float64Array.of(1, 2, 3, 4, 5);
    const clean = await minimizeSgd(objective, x0, { numSamples: 200, batchSize: 20, epochs: 2 });
    const scribbled = await minimizeSgd(
      (x, batch) => {
        const out = objective(x, batch);
        x.fill(Number.NaN);
        batch.fill(0);
        return out;
      },
      x0,
      { numSamples: 200, batchSize: 20, epochs: 2 },
    );
    expect(Array.from(x0)).toEqual([1, 2, 3, 4, 5]);
    expect(scribbled.x).toEqual(clean.x);
  });
});
