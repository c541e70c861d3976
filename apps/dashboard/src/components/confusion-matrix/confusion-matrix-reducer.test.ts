import { describe, expect, it } from 'vitest';
import {
  sampleEvaluating,
  sampleEvaluation,
  sampleMeasuring,
} from '../../test-support/sample-dashboard.js';
import type { DashboardAction } from '../dashboard/dashboard-action.js';
import {
  confusionMatrixReducer,
  heldOutPhase,
  initialConfusionMatrixState,
  shownSummary,
} from './confusion-matrix-reducer.js';

const reduce = (actions: DashboardAction[], state = initialConfusionMatrixState) =>
  actions.reduce(confusionMatrixReducer, state);

describe('confusionMatrixReducer: the held-out evaluation', () => {
  it('waits for the first evaluation with nothing to show', () => {
    const state = reduce([{ type: 'progress', point: { step: 1, elapsedMs: 10 } }]);
    expect(heldOutPhase(state)).toBe('waiting');
    expect(shownSummary(state)).toBeUndefined();
    expect(state.evaluations).toBe(0);
  });

  it('shows the partial matrix while evaluating, each batch replacing the last', () => {
    const first = sampleEvaluating(1, 1024);
    const second = sampleEvaluating(1, 3072);
    const state = reduce([first, second]);
    expect(heldOutPhase(state)).toBe('evaluating');
    expect(state.evaluating?.progress).toMatchObject({ step: 1, done: 3072, total: 10_000 });
    expect(shownSummary(state)?.total).toBe(3072);
    expect(state.summary).toBeUndefined();
  });

  it('is complete with the finished evaluation, which replaces the partial one', () => {
    const complete = sampleEvaluation(1, 0.9, 10_000);
    const state = reduce([sampleEvaluating(1, 3072), { type: 'evaluated', summary: complete }]);
    expect(heldOutPhase(state)).toBe('complete');
    expect(state.evaluating).toBeUndefined();
    expect(shownSummary(state)).toBe(complete);
    expect(state.evaluations).toBe(1);
  });

  it('shows the next evaluation as it fills in, keeping the last complete one', () => {
    const complete = sampleEvaluation(1, 0.9);
    const state = reduce([{ type: 'evaluated', summary: complete }, sampleEvaluating(20, 512)]);
    expect(heldOutPhase(state)).toBe('evaluating');
    expect(state.summary).toBe(complete);
    expect(shownSummary(state)?.step).toBe(20);
  });

  it('drops an evaluation cut short by a cancel or a failure', () => {
    const complete = sampleEvaluation(1, 0.9);
    const outcome = {
      stopReason: 'aborted',
      converged: false,
      message: 'cancelled',
      steps: 20,
      fitSeconds: 1,
    };
    const cancelled = reduce([
      { type: 'evaluated', summary: complete },
      sampleEvaluating(20, 512),
      { type: 'finished', outcome },
    ]);
    expect(heldOutPhase(cancelled)).toBe('complete');
    expect(shownSummary(cancelled)).toBe(complete);
    const failed = reduce([sampleEvaluating(1, 512), { type: 'failed', message: 'out of memory' }]);
    expect(heldOutPhase(failed)).toBe('waiting');
  });

  it('keeps its object for a finish with no evaluation in progress', () => {
    const state = reduce([{ type: 'evaluated', summary: sampleEvaluation(1, 0.9) }]);
    const outcome = { stopReason: 'gtol', converged: true, message: '', steps: 1, fitSeconds: 1 };
    expect(confusionMatrixReducer(state, { type: 'finished', outcome })).toBe(state);
  });

  it('follows the training-accuracy pass after an evaluation until the step reports', () => {
    const measuring = reduce([sampleEvaluating(10, 9856), sampleMeasuring(10, 3072)]);
    expect(measuring.measuring).toMatchObject({ step: 10, done: 3072, total: 20_000 });
    // The matrix stays the evaluation's, still partial until the step's evaluation arrives.
    expect(heldOutPhase(measuring)).toBe('evaluating');
    const reported = reduce(
      [
        { type: 'progress', point: { step: 10, elapsedMs: 100, trainAccuracy: 0.97 } },
        { type: 'evaluated', summary: sampleEvaluation(10, 0.95, 10_000) },
      ],
      measuring,
    );
    expect(reported.measuring).toBeUndefined();
    expect(heldOutPhase(reported)).toBe('complete');
    // At the end of a fit the outcome follows instead.
    const outcome = {
      stopReason: 'completed',
      converged: true,
      message: '',
      steps: 10,
      fitSeconds: 1,
    };
    expect(
      reduce([sampleMeasuring(10, 3072), { type: 'finished', outcome }]).measuring,
    ).toBeUndefined();
  });
});
