import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import {
  type AdaptiveScheduleState,
  type LearningRateSchedule,
  learningRateAt,
  sameSchedule,
  updateAdaptiveSchedule,
  validateSchedule,
} from './learning-rate-schedule.js';

const at = (schedule: LearningRateSchedule, epoch: number, step = 0, epochs = 10) =>
  learningRateAt(schedule, 0.1, { epoch, step, epochs });

describe('learningRateAt', () => {
  it('constant: lr0 everywhere', () => {
    expect([0, 5, 99].map((e) => at({ type: 'constant' }, e, e * 7))).toEqual([0.1, 0.1, 0.1]);
  });

  it('inverse-scaling: lr0 / (t + 1)^power, t in steps or epochs', () => {
    const perStep: LearningRateSchedule = { type: 'inverse-scaling', power: 0.5 };
    // 0.1 / √1, 0.1 / √4, 0.1 / √9
    expect(at(perStep, 0, 0)).toBe(0.1);
    expect(at(perStep, 0, 3)).toBeCloseTo(0.05, 15);
    expect(at(perStep, 2, 8)).toBeCloseTo(0.1 / 3, 15);
    const perEpoch: LearningRateSchedule = { type: 'inverse-scaling', power: 1, per: 'epoch' };
    // 0.1 / 4 at epoch 3, whatever the step.
    expect(at(perEpoch, 3, 1000)).toBeCloseTo(0.025, 15);
    // Default power 0.5 (scikit-learn's power_t).
    expect(at({ type: 'inverse-scaling' }, 0, 15)).toBeCloseTo(0.025, 15);
  });

  it('step: lr0 · γ^⌊epoch / k⌋', () => {
    const s: LearningRateSchedule = { type: 'step', everyEpochs: 3, gamma: 0.5 };
    expect([0, 1, 2, 3, 5, 6].map((e) => at(s, e))).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.025]);
  });

  it('cosine: from lr0 down toward lrMin over the run', () => {
    const s: LearningRateSchedule = { type: 'cosine' };
    // 0.1 · (1 + cos(π e / 4)) / 2 for e = 0 … 4: 0.1, 0.0853553, 0.05, 0.0146447, 0.
    const expected = [0.1, 0.08535533905932738, 0.05, 0.014644660940672627, 0];
    for (let e = 0; e <= 4; e++) expect(at(s, e, 0, 4)).toBeCloseTo(expected[e]!, 15);
    // With lrMin = 0.02 the midpoint is 0.02 + 0.08 / 2.
    expect(at({ type: 'cosine', lrMin: 0.02 }, 2, 0, 4)).toBeCloseTo(0.06, 15);
  });

  it("cosine per 'step': lowered every step, reaching lrMin only after the last step", () => {
    const s: LearningRateSchedule = { type: 'cosine', per: 'step' };
    // 2 epochs × 2 steps: 0.1 · (1 + cos(π t / 4)) / 2 for t = 0 … 3, whatever the epoch.
    const expected = [0.1, 0.08535533905932738, 0.05, 0.014644660940672627];
    const rates = [0, 1, 2, 3].map((t) =>
      learningRateAt(s, 0.1, { epoch: Math.floor(t / 2), step: t, epochs: 2, stepsPerEpoch: 2 }),
    );
    for (const [t, rate] of rates.entries()) expect(rate).toBeCloseTo(expected[t]!, 15);
  });

  it('linear: lrMin + (lr0 − lrMin)(1 − share done), per epoch or per step', () => {
    // Per epoch over 4 epochs: 0.1, 0.075, 0.05, 0.025.
    const perEpoch = [0, 1, 2, 3].map((e) => at({ type: 'linear' }, e, 0, 4));
    for (const [e, r] of [0.1, 0.075, 0.05, 0.025].entries())
      expect(perEpoch[e]).toBeCloseTo(r, 15);
    // Per step, 1 epoch of 4 steps, lrMin 0.02: 0.02 + 0.08 · (1 − t / 4) = 0.1, 0.08, 0.06, 0.04.
    const perStep = [0, 1, 2, 3].map((t) =>
      learningRateAt({ type: 'linear', per: 'step', lrMin: 0.02 }, 0.1, {
        epoch: 0,
        step: t,
        epochs: 1,
        stepsPerEpoch: 4,
      }),
    );
    for (const [t, r] of [0.1, 0.08, 0.06, 0.04].entries()) expect(perStep[t]).toBeCloseTo(r, 15);
    // Past the planned steps the rate stays at lrMin instead of turning negative.
    const past = { epoch: 2, step: 9, epochs: 1, stepsPerEpoch: 4 };
    expect(learningRateAt({ type: 'linear', per: 'step', lrMin: 0.02 }, 0.1, past)).toBe(0.02);
  });

  it("per 'step' needs the steps per epoch", () => {
    expect(() =>
      learningRateAt({ type: 'cosine', per: 'step' }, 0.1, { epoch: 0, step: 0, epochs: 1 }),
    ).toThrow(/invalid position.stepsPerEpoch: expected the number of mini-batches per epoch/);
  });

  it('adaptive: the learning rate carried in its state', () => {
    const state: AdaptiveScheduleState = { learningRate: 0.004, best: 1, badEpochs: 0 };
    expect(learningRateAt({ type: 'adaptive' }, 0.1, { epoch: 3, step: 9, epochs: 5 }, state)).toBe(
      0.004,
    );
  });
});

describe('updateAdaptiveSchedule', () => {
  it('divides by 5 once `patience` epochs in a row improve by no more than minDelta', () => {
    const schedule = { type: 'adaptive', patience: 2, minDelta: 1e-4 } as const;
    let state: AdaptiveScheduleState = { learningRate: 0.1, best: null, badEpochs: 0 };
    const rates: number[] = [];
    const bad: number[] = [];
    // By hand: 1.0 first; 0.9 improves; 0.89995 and 0.8999 improve by only 5e-5 each (bad 1, 2 →
    // divide, reset); 0.95 is worse (bad 1); 0.5 improves (bad 0).
    for (const loss of [1.0, 0.9, 0.89995, 0.8999, 0.95, 0.5]) {
      state = updateAdaptiveSchedule(schedule, state, loss, 'min');
      rates.push(state.learningRate);
      bad.push(state.badEpochs);
    }
    expect(rates).toEqual([0.1, 0.1, 0.1, 0.02, 0.02, 0.02]);
    expect(bad).toEqual([0, 0, 1, 0, 1, 0]);
    expect(state.best).toBe(0.5);
  });

  it("in 'max' mode treats higher as better, and never goes below minLearningRate", () => {
    const schedule = { type: 'adaptive', patience: 2, minLearningRate: 1e-6 } as const;
    let state: AdaptiveScheduleState = { learningRate: 2e-6, best: null, badEpochs: 0 };
    for (const accuracy of [0.5, 0.6, 0.6, 0.59]) {
      state = updateAdaptiveSchedule(schedule, state, accuracy, 'max');
    }
    // 2e-6 / 5 = 4e-7 is floored at 1e-6.
    expect(state.learningRate).toBe(1e-6);
    expect(state.best).toBe(0.6);
  });
});

describe('sameSchedule', () => {
  it('compares type and parameters with the defaults filled in', () => {
    expect(sameSchedule({ type: 'cosine' }, { type: 'cosine', lrMin: 0, per: 'epoch' })).toBe(true);
    expect(sameSchedule({ type: 'cosine' }, { type: 'cosine', per: 'step' })).toBe(false);
    expect(sameSchedule({ type: 'cosine' }, { type: 'linear' })).toBe(false);
    expect(sameSchedule({ type: 'adaptive', factor: 5 }, { type: 'adaptive' })).toBe(true);
    expect(sameSchedule({ type: 'step', everyEpochs: 2 }, { type: 'step', everyEpochs: 3 })).toBe(
      false,
    );
  });
});

describe('validateSchedule', () => {
  it('rejects unknown types and out-of-range parameters with the field name', () => {
    expect(() =>
      validateSchedule({ type: 'exponential' } as unknown as LearningRateSchedule),
    ).toThrow(
      /invalid schedule.type: expected one of 'constant', 'inverse-scaling', 'step', 'cosine', 'linear', 'adaptive', found 'exponential'/,
    );
    expect(() =>
      validateSchedule({ type: 'linear', per: 'batch' } as unknown as LearningRateSchedule),
    ).toThrow(/invalid schedule.per \(type 'linear'\): expected 'step' or 'epoch', found 'batch'/);
    expect(() => validateSchedule({ type: 'step', everyEpochs: 0 })).toThrow(InvalidArgumentError);
    expect(() => validateSchedule({ type: 'adaptive', factor: 1 })).toThrow(/schedule.factor/);
  });
});
