import type { TuningResult } from '@digitlab/tuning';
import { describe, expect, it } from 'vitest';
import { initialTuneState, type TuneAction, tuneReducer } from './tune-reducer.js';

const started: TuneAction = {
  type: 'started',
  plugin: 'softmax-regression',
  settings: [{ C: 0.1 }, { C: 1 }],
  folds: 2,
  numSamples: 40,
  tasks: 2,
  concurrency: 2,
  pathOption: 'C',
  trialOptions: { workers: 0 },
};

const finished = (setting: number, fold: number, score: number): TuneAction => ({
  type: 'trial-finished',
  setting,
  fold,
  score,
  fitSeconds: 0.5,
  steps: 10,
  converged: true,
  warmStarted: setting > 0,
});

const scored = (setting: number, mean: number, best: number): TuneAction => ({
  type: 'setting-scored',
  setting,
  best,
  score: {
    params: { C: [0.1, 1][setting] },
    meanScore: mean,
    stdScore: 0.05,
    foldScores: [],
    fitSeconds: 1,
  },
});

const reduce = (actions: TuneAction[]) => actions.reduce(tuneReducer, initialTuneState);

describe('tuneReducer', () => {
  it('lays out one row per setting with every fold pending, labelled by the swept value', () => {
    const state = reduce([started]);
    expect(state.phase).toBe('cross-validating');
    expect(state.rows.map((r) => [r.label, r.folds])).toEqual([
      ['0.1', ['pending', 'pending']],
      ['1', ['pending', 'pending']],
    ]);
  });

  it('marks folds running and scored, sums fit time, and takes the best from the engine', () => {
    const state = reduce([
      started,
      { type: 'trial-started', setting: 0, fold: 1 },
      finished(0, 0, 0.8),
      { type: 'trial-started', setting: 1, fold: 0 },
    ]);
    expect(state.rows.map((r) => r.folds)).toEqual([
      [0.8, 'running'],
      ['running', 'pending'],
    ]);
    expect(state.rows[0]?.fitSeconds).toBe(0.5);
    expect(state.trialsDone).toBe(1);
    const after = reduce([
      started,
      finished(0, 0, 0.8),
      finished(0, 1, 0.9),
      scored(0, 0.85, 0),
      scored(1, 0.9, 1),
    ]);
    expect(after.rows.map((r) => [r.mean, r.std])).toEqual([
      [0.85, 0.05],
      [0.9, 0.05],
    ]);
    expect(after.best).toBe(1);
  });

  it('follows the refit and the end, and shows a requested stop', () => {
    const result: TuningResult = { stopReason: 'completed', settings: [], wallSeconds: 3.5 };
    const state = reduce([
      started,
      { type: 'interrupted' },
      { type: 'refit-started', params: { C: 1 } },
      { type: 'refit-finished', fitSeconds: 1.25, converged: true, testAccuracy: 0.91 },
      { type: 'finished', result },
    ]);
    expect(state.stopping).toBe(true);
    expect(state.refit).toEqual({ label: '1', fitSeconds: 1.25, testAccuracy: 0.91 });
    expect(state).toMatchObject({ phase: 'finished', stopReason: 'completed', wallSeconds: 3.5 });
  });

  it('labels settings of several options by name', () => {
    const state = reduce([{ ...started, settings: [{ C: 0.1, solver: 'adam' }] } as TuneAction]);
    expect(state.rows[0]?.label).toBe('C=0.1, solver=adam');
  });
});
