import { describe, expect, it } from 'vitest';
import {
  confusionMatrixReducer,
  initialConfusionMatrixState,
} from '../components/confusion-matrix/confusion-matrix-reducer.js';
import type { DashboardAction } from '../components/dashboard/dashboard-action.js';
import {
  sampleEvaluating,
  sampleEvaluation,
  sampleInfo,
  sampleMeasuring,
} from '../test-support/sample-dashboard.js';
import { evaluationLineModel } from './evaluation-line-model.js';

const state = (...actions: DashboardAction[]) =>
  actions.reduce(confusionMatrixReducer, initialConfusionMatrixState);

describe('evaluationLineModel', () => {
  it('says how the test split will be evaluated while waiting for the first evaluation', () => {
    expect(evaluationLineModel(state(), sampleInfo(), 'iteration')).toEqual({
      text: 'held-out: 10,000 test images, evaluated as often as training allows',
    });
    expect(evaluationLineModel(state(), { ...sampleInfo(), evalEvery: 0 }, 'epoch').text).toBe(
      'held-out: 10,000 test images, evaluated once, at the end',
    );
    expect(evaluationLineModel(state(), undefined, 'step').text).toBe('held-out: –');
  });

  it('says how far an evaluation in progress is, how fast and how long still, with a bar', () => {
    const m = evaluationLineModel(state(sampleEvaluating(10, 3072)), sampleInfo(), 'step');
    expect(m.text).toBe('evaluating 3,072 / 10,000 test images · 1,234/s · ETA 0:06');
    expect(m.fraction).toBeCloseTo(0.3072);
  });

  it('says how far the training-accuracy pass after an evaluation is', () => {
    const m = evaluationLineModel(
      state(sampleEvaluating(10, 9856), sampleMeasuring(10, 3072)),
      sampleInfo(),
      'step',
    );
    expect(m.text).toBe(
      'measuring training accuracy 3,072 / 20,000 training images · 500/s · ETA 0:34',
    );
    expect(m.fraction).toBeCloseTo(0.1536);
  });

  it('counts the complete evaluations and says what the last one cost', () => {
    const complete = state(
      { type: 'evaluated', summary: sampleEvaluation(1, 0.5) },
      { type: 'evaluated', summary: { ...sampleEvaluation(160, 0.9), elapsedMs: 210 } },
    );
    expect(evaluationLineModel(complete, sampleInfo(), 'iteration')).toEqual({
      text: 'held-out: 2 evaluations, the last at iter 160 in 0.21 s · as often as training allows',
    });
  });
});
