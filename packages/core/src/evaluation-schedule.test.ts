import { describe, expect, it } from 'vitest';
import {
  AUTO_SCHEDULE,
  afterEvaluation,
  type EvaluationHistory,
  evaluationDue,
  NO_EVALUATIONS,
} from './evaluation-schedule.js';

const { intervalMs, share } = AUTO_SCHEDULE;
const at = (nowMs: number, fitMs: number) => ({ nowMs, fitMs });

describe('a fixed schedule', () => {
  it('evaluates every n-th step and the final one', () => {
    const due = (step: number, final = false) =>
      evaluationDue(3, step, final, NO_EVALUATIONS, at(0, 0));
    expect([1, 2, 3, 4, 5, 6].filter((s) => due(s))).toEqual([3, 6]);
    expect(due(7, true)).toBe(true);
  });

  it('with 0, evaluates only the final step', () => {
    expect(evaluationDue(0, 10, false, NO_EVALUATIONS, at(0, 0))).toBe(false);
    expect(evaluationDue(0, 10, true, NO_EVALUATIONS, at(0, 0))).toBe(true);
  });
});

describe("the 'auto' schedule", () => {
  // One evaluation that ended at t = 1000 ms and took 30 ms.
  const once: EvaluationHistory = afterEvaluation(NO_EVALUATIONS, 1000, 30);

  it('evaluates the first step, whatever it costs, and the final one', () => {
    expect(evaluationDue('auto', 1, false, NO_EVALUATIONS, at(5, 1))).toBe(true);
    const costly = afterEvaluation(NO_EVALUATIONS, 1000, 60_000);
    expect(evaluationDue('auto', 2, true, costly, at(1001, 1))).toBe(true);
  });

  it(`waits until the last evaluation is ${intervalMs} ms old`, () => {
    const fitMs = 10_000; // plenty of fit time: only the interval decides
    expect(evaluationDue('auto', 2, false, once, at(1000 + intervalMs - 1, fitMs))).toBe(false);
    expect(evaluationDue('auto', 2, false, once, at(1000 + intervalMs, fitMs))).toBe(true);
  });

  it(`keeps evaluation within ${share * 100}% of the fit time, judged by the last one's cost`, () => {
    // Another 30 ms would make 60 ms of evaluation: allowed once the fit has run 60 / share ms.
    const needed = 60 / share;
    expect(evaluationDue('auto', 2, false, once, at(5000, needed - 1))).toBe(false);
    expect(evaluationDue('auto', 2, false, once, at(5000, needed))).toBe(true);
  });

  it('lets a costly evaluation (k-NN) wait for the end when training is quick', () => {
    const knn = afterEvaluation(NO_EVALUATIONS, 20_000, 20_000);
    expect(evaluationDue('auto', 5, false, knn, at(60_000, 2_000))).toBe(false);
  });

  it('adds each evaluation to the history', () => {
    const twice = afterEvaluation(once, 1500, 40);
    expect(twice).toEqual({ count: 2, lastEndMs: 1500, lastCostMs: 40, totalCostMs: 70 });
  });
});

describe("the 'auto' schedule on the notebook run (fake clock)", () => {
  /**
   * Evaluations of a run of `steps` steps of `stepMs` each, evaluated on `schedule`, whose first
   * evaluation takes `firstMs` (cold) and the others `costMs`; the clock only moves by these.
   */
  function evaluations(
    schedule: 'auto' | number,
    { steps = 168, stepMs = 4, firstMs = 40, costMs = 13 } = {},
  ): number {
    let nowMs = 0;
    let fitMs = 0;
    let history = NO_EVALUATIONS;
    for (let step = 1; step <= steps; step++) {
      nowMs += stepMs;
      fitMs += stepMs;
      if (evaluationDue(schedule, step, step === steps, history, { nowMs, fitMs })) {
        const cost = history.count === 0 ? firstMs : costMs;
        nowMs += cost;
        history = afterEvaluation(history, nowMs, cost);
      }
    }
    return history.count;
  }

  it('refreshes at least as often as every 10 iterations did, on a fast machine or a slow one', () => {
    // 168 L-BFGS iterations, 10,000 test images evaluated in ~13 ms (~40 ms the first time).
    for (const stepMs of [3, 4, 5, 7]) {
      expect(evaluations('auto', { stepMs })).toBeGreaterThanOrEqual(evaluations(10, { stepMs }));
    }
  });

  it('evaluates a run whose evaluation costs as much as a step only at its start and end', () => {
    // A k-NN-like run: 10 quick indexing steps, then 20 s to predict the test set.
    expect(evaluations('auto', { steps: 10, stepMs: 20, firstMs: 2000, costMs: 20_000 })).toBe(2);
  });
});
