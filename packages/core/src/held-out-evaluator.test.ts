import { describe, expect, it } from 'vitest';
import { AUTO_SCHEDULE } from './evaluation-schedule.js';
import {
  BATCH_TARGET_MS,
  createHeldOutEvaluator,
  FIRST_BATCH_ROWS,
  QUIET_EVALUATION_MS,
} from './held-out-evaluator.js';
import { fakeClock } from './test-support/fake-clock.js';
import { toyDataset } from './test-support/toy-data.js';
import type { EvaluatingEvent } from './training-event.js';

/** A fake clock and a predictor that costs `msPerRow` of it and predicts each row's label. */
function setup(numPerClass: number, msPerRow: number) {
  const clock = fakeClock();
  const data = { ...toyDataset(numPerClass, 2, 2), split: 'test' };
  const calls: number[] = [];
  const predict = async (features: Float32Array) => {
    const rows = features.length / 2;
    calls.push(rows);
    clock.advance(rows * msPerRow);
    // toyDataset puts class c near (c, c): the first feature rounds to the label.
    return Int32Array.from({ length: rows }, (_, i) => Math.round(features[i * 2] as number));
  };
  return { data, predict, calls, advance: clock.advance };
}

describe('batched held-out evaluation', () => {
  it('predicts a first small batch, then batches sized by the rate, and reports each', async () => {
    // 2,000 samples at 0.5 ms each: 128 rows take 64 ms, then 400-row batches take 200 ms.
    const { data, predict, calls } = setup(1000, 0.5);
    const evaluator = createHeldOutEvaluator({ data }, 2, predict);
    const events: EvaluatingEvent[] = [];
    const batches = evaluator!.batches(1);
    let next = await batches.next();
    while (!next.done) {
      events.push(next.value);
      next = await batches.next();
    }
    const perBatch = BATCH_TARGET_MS / 0.5;
    expect(calls[0]).toBe(FIRST_BATCH_ROWS);
    expect(calls.slice(1, -1).every((rows) => rows === perBatch)).toBe(true);
    expect(calls.reduce((a, b) => a + b, 0)).toBe(2000);
    // Every batch but the last is reported (the first already took more than the quiet time).
    expect(events.map((e) => e.done)).toEqual(
      calls.slice(0, -1).map((_, i) => calls.slice(0, i + 1).reduce((a, b) => a + b, 0)),
    );
    expect(events[0]).toMatchObject({
      type: 'evaluating',
      set: 'held-out',
      step: 1,
      total: 2000,
      elapsedMs: 64,
    });
    expect(events[0]?.predictions).toHaveLength(FIRST_BATCH_ROWS);
    expect(next.value).toMatchObject({ step: 1, accuracy: 1, elapsedMs: 1000 });
    expect(Array.from(next.value.predictions)).toEqual(Array.from(data.labels));
  });

  it(`reports nothing for an evaluation quicker than ${QUIET_EVALUATION_MS} ms`, async () => {
    const { data, predict } = setup(100, 0.01);
    const batches = createHeldOutEvaluator({ data }, 2, predict)!.batches(3);
    const first = await batches.next();
    expect(first.done).toBe(true);
  });

  it('counts no time spent suspended at a yield as evaluation time', async () => {
    const { data, predict, advance } = setup(1000, 0.5);
    const evaluator = createHeldOutEvaluator({ data }, 2, predict)!;
    const batches = evaluator.batches(1);
    let next = await batches.next();
    while (!next.done) {
      advance(10_000); // a paused consumer
      next = await batches.next();
    }
    expect(next.value.elapsedMs).toBe(1000);
    expect(evaluator.elapsedMs).toBe(1000);
  });

  it("schedules 'auto' from its own history and the fit time it is told", async () => {
    const { data, predict, advance } = setup(10, 1); // 20 ms per evaluation
    const evaluator = createHeldOutEvaluator({ data }, 2, predict)!;
    expect(evaluator.due(1, false, 0)).toBe(true);
    await evaluator.run(1);
    expect(evaluator.due(1, true, 0)).toBe(false); // never the same step twice
    advance(AUTO_SCHEDULE.intervalMs);
    expect(evaluator.due(2, false, 40 / AUTO_SCHEDULE.share - 1)).toBe(false);
    expect(evaluator.due(2, false, 40 / AUTO_SCHEDULE.share)).toBe(true);
  });
});
