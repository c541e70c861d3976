import { describe, expect, it } from 'vitest';
import { ClassifierInputError } from './errors.js';
import { fitToEnd } from './fit-to-end.js';
import { createHeldOutEvaluator } from './held-out-evaluator.js';
import { fakeClock } from './test-support/fake-clock.js';
import { toyDataset } from './test-support/toy-data.js';
import { centroidPlugin } from './testing/centroid-plugin.js';
import type { TrainingEvent } from './training-event.js';
import { validateFeatures } from './validate-features.js';

describe('the event stream of a classifier with no iterations', () => {
  it('emits start, a progress event per step with held-out predictions when due, then end', async () => {
    const train = toyDataset(6, 3, 2);
    const test = toyDataset(2, 3, 2);
    const events: TrainingEvent[] = [];
    const result = await fitToEnd(
      centroidPlugin()
        .create({ shrink: 0 })
        .fit(train, { evaluate: { data: test, every: 2 } }),
      (e) => events.push(e),
    );
    expect(events.map((e) => e.type)).toEqual(['start', 'progress', 'progress', 'progress', 'end']);
    const evaluated = events.flatMap((e) =>
      e.type === 'progress' && e.evaluation ? [e.step] : [],
    );
    // every = 2 → step 2, and the final step 3 is always evaluated.
    expect(evaluated).toEqual([2, 3]);
    const last = events[3];
    expect(last?.type === 'progress' && last.evaluation?.accuracy).toBe(1);
    expect(result.stopReason).toBe('completed');
    expect(result.converged).toBe(true);
  });

  it('stops with reason aborted when the signal fires', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await fitToEnd(
      centroidPlugin().create({ shrink: 0 }).fit(toyDataset(), { signal: controller.signal }),
    );
    expect(result.stopReason).toBe('aborted');
  });
});

describe('createHeldOutEvaluator', () => {
  it('is absent without evaluate options and validates every and feature counts', () => {
    const predict = async (f: Float32Array) => new Int32Array(f.length / 2);
    expect(createHeldOutEvaluator(undefined, 2, predict)).toBeUndefined();
    expect(() => createHeldOutEvaluator({ data: toyDataset(), every: -1 }, 2, predict)).toThrow(
      /every: expected 'auto' or an integer ≥ 0 \(0: only at the end\), found -1/,
    );
    expect(() => createHeldOutEvaluator({ data: toyDataset(), every: 1.5 }, 2, predict)).toThrow(
      /found 1\.5/,
    );
    expect(() =>
      createHeldOutEvaluator({ data: toyDataset(2, 3, 5), every: 1 }, 2, predict),
    ).toThrow(/expected 2 features.*found 5/);
  });

  it('rejects non-finite held-out features once, when created, naming the dataset and place', () => {
    const data = toyDataset(2, 2, 2);
    const features = Float32Array.from(data.features);
    features[3] = Number.NaN;
    let calls = 0;
    const predict = async (f: Float32Array) => {
      calls++;
      return new Int32Array(f.length / 2);
    };
    expect(() =>
      createHeldOutEvaluator({ data: { ...data, features }, every: 1 }, 2, predict),
    ).toThrow(
      new RegExp(
        `evaluate.data '${data.name}' ${data.split}: expected finite values, found NaN at row 1, column 1`,
      ),
    );
    expect(calls).toBe(0);
  });

  it('computes accuracy from predictions and does not evaluate the same step twice', async () => {
    const clock = fakeClock(100);
    const data = toyDataset(2, 2, 2); // labels 0,1,0,1
    const evaluator = createHeldOutEvaluator({ data, every: 1 }, 2, async () => {
      clock.advance(7); // a prediction that takes 7 ms
      return Int32Array.from([0, 0, 0, 1]);
    });
    expect(evaluator?.due(1)).toBe(true);
    const result = await evaluator!.run(1);
    expect(result.accuracy).toBe(0.75);
    expect(result.elapsedMs).toBe(7);
    expect(evaluator?.due(1, true)).toBe(false);
    clock.advance(1000); // time between evaluations is not evaluation time
    await evaluator!.run(2);
    expect(evaluator?.elapsedMs).toBe(14);
  });
});

describe('validateFeatures', () => {
  it('returns the row count for whole rows of finite values', () => {
    expect(validateFeatures(new Float32Array(6), 3)).toBe(2);
  });
  it('names the row and column of a non-finite value', () => {
    const f = new Float32Array(6);
    f[4] = Number.NaN;
    expect(() => validateFeatures(f, 3)).toThrow(ClassifierInputError);
    expect(() => validateFeatures(f, 3)).toThrow(/found NaN at row 1, column 1/);
  });
  it('rejects partial rows', () => {
    expect(() => validateFeatures(new Float32Array(7), 3)).toThrow(
      /expected a multiple of 3 values.*found 7/,
    );
  });
});
