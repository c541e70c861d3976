import { describe, expect, it } from 'vitest';
import {
  sampleEvaluating,
  sampleEvaluation,
  sampleInfo,
  sampleRunActions,
} from '../../test-support/sample-dashboard.js';
import { HISTORY_LIMIT } from '../metrics-panel/metrics-panel-reducer.js';
import type { DashboardAction } from './dashboard-action.js';
import { dashboardReducer, initialDashboardState } from './dashboard-reducer.js';

const start = () => initialDashboardState({ columns: 80, rows: 24 });
const reduce = (actions: DashboardAction[], state = start()) =>
  actions.reduce(dashboardReducer, state);

describe('dashboardReducer', () => {
  it('starts loading, then runs once the session has started', () => {
    const state = reduce([
      { type: 'loading', message: 'loading mnist…' },
      { type: 'started', info: sampleInfo(), unit: 'iteration', total: 500 },
    ]);
    expect(state.status.phase).toBe('running');
    expect(state.header.info?.dataset).toBe('mnist');
    expect(state.progress.total).toBe(500);
  });

  it('keeps the latest progress and a history of each metric', () => {
    const state = reduce(sampleRunActions(25, 10));
    expect(state.progress.latest?.step).toBe(25);
    expect(state.metrics.history.objective).toHaveLength(25);
    expect(state.metrics.history.testAccuracy).toHaveLength(2);
    expect(state.metrics.latest.objective).toBe(state.metrics.history.objective.at(-1));
    expect(state.matrix.summary?.step).toBe(20);
  });

  it('bounds the history', () => {
    const state = reduce(sampleRunActions(HISTORY_LIMIT + 50, 1000));
    expect(state.metrics.history.objective).toHaveLength(HISTORY_LIMIT);
    expect(state.metrics.history.objective.at(-1)).toBe(state.metrics.latest.objective);
  });

  it('unpacks batches as if each action came alone', () => {
    const actions = sampleRunActions(30, 10);
    const one = reduce(actions);
    const batched = reduce([{ type: 'batch', actions }]);
    expect(batched).toEqual(one);
  });

  it('pauses and resumes only while running', () => {
    expect(reduce([{ type: 'paused' }]).status.phase).toBe('loading');
    const running = reduce(sampleRunActions(3));
    const paused = dashboardReducer(running, { type: 'paused' });
    expect(paused.status.phase).toBe('paused');
    expect(dashboardReducer(paused, { type: 'resumed' }).status.phase).toBe('running');
  });

  it('records how training ended, or why it failed', () => {
    const done = reduce([
      ...sampleRunActions(3),
      {
        type: 'finished',
        outcome: {
          stopReason: 'max-iter',
          converged: false,
          message: '3 iterations',
          steps: 3,
          fitSeconds: 0.5,
          testAccuracy: 0.8,
        },
      },
    ]);
    expect(done.status.phase).toBe('finished');
    expect(done.progress.fitSeconds).toBe(0.5);
    expect(done.metrics.latest.testAccuracy).toBe(0.8);
    const failed = reduce([{ type: 'failed', message: 'no such file' }]);
    expect(failed.status).toMatchObject({ phase: 'failed', error: 'no such file' });
  });

  it('toggles counts ↔ normalized and the help overlay', () => {
    const once = reduce([{ type: 'toggleNormalized' }, { type: 'toggleHelp' }]);
    expect(once.matrix.normalized).toBe(true);
    expect(once.help.visible).toBe(true);
    const twice = reduce([{ type: 'toggleNormalized' }, { type: 'closeHelp' }], once);
    expect(twice.matrix.normalized).toBe(false);
    expect(twice.help.visible).toBe(false);
  });

  it('follows resizes and falls back to 80×24 when the size is unknown', () => {
    const resized = reduce([{ type: 'resized', columns: 132, rows: 43 }]);
    expect(resized.size).toEqual({ columns: 132, rows: 43 });
    expect(initialDashboardState({ columns: 0, rows: 0 }).size).toEqual({ columns: 80, rows: 24 });
  });

  it('tracks saves and memory', () => {
    const state = reduce([
      { type: 'saving', dir: 'out' },
      { type: 'saved', dir: 'out' },
      { type: 'memory', sample: { numTensors: 12, rssBytes: 1024 } },
    ]);
    expect(state.status.save).toEqual({ state: 'saved', dir: 'out' });
    expect(state.status.memory?.numTensors).toBe(12);
    const failed = reduce([{ type: 'saveFailed', dir: 'out', message: 'EACCES' }], state);
    expect(failed.status.save).toMatchObject({ state: 'failed', message: 'EACCES' });
  });

  it('returns the same object when an action changes nothing, so no frame is drawn', () => {
    const state = reduce(sampleRunActions(3));
    expect(dashboardReducer(state, { type: 'closeHelp' })).toBe(state);
    expect(dashboardReducer(state, { type: 'resized', columns: 80, rows: 24 })).toBe(state);
  });

  it('replaces the matrix with each evaluation', () => {
    const later = sampleEvaluation(40, 0.9);
    const state = reduce([...sampleRunActions(30, 10), { type: 'evaluated', summary: later }]);
    expect(state.matrix.summary).toBe(later);
  });

  it('follows an evaluation from waiting through its partial matrix to complete', () => {
    const waiting = reduce(sampleRunActions(9, 1000));
    expect(waiting.matrix.summary).toBeUndefined();
    const evaluating = reduce([sampleEvaluating(10, 1024), sampleEvaluating(10, 3072)], waiting);
    expect(evaluating.matrix.evaluating?.progress.done).toBe(3072);
    // Only the matrix changes while the held-out set is predicted: training has not moved.
    expect(evaluating.progress).toBe(waiting.progress);
    expect(evaluating.metrics).toBe(waiting.metrics);
    const complete = reduce(
      [
        { type: 'progress', point: { step: 10, total: 500, elapsedMs: 800 } },
        { type: 'evaluated', summary: sampleEvaluation(10, 0.9, 10_000) },
      ],
      evaluating,
    );
    expect(complete.matrix.evaluating).toBeUndefined();
    expect(complete.matrix.summary?.total).toBe(10_000);
    expect(complete.metrics.latest.testAccuracy).toBeCloseTo(0.9, 1);
  });
});
