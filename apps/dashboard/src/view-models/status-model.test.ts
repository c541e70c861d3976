import type { FitOutcome } from '@digitlab/session';
import { describe, expect, it } from 'vitest';
import {
  initialStatusLineState,
  type StatusLineState,
} from '../components/status-line/status-line-reducer.js';
import { DEFAULT_MAX_ITER_ADVICE, reportText, saveText, statusModel } from './status-model.js';

const outcome = (o: Partial<FitOutcome>): FitOutcome => ({
  stopReason: 'gtol',
  converged: true,
  message: 'converged: max |g| 5e-5 ≤ 1e-4',
  steps: 90,
  fitSeconds: 1,
  ...o,
});
const finished = (o: Partial<FitOutcome>): StatusLineState => ({
  ...initialStatusLineState,
  phase: 'finished',
  outcome: outcome(o),
});

describe('statusModel', () => {
  it('names each phase', () => {
    expect(statusModel(initialStatusLineState).kind).toBe('loading');
    expect(statusModel({ ...initialStatusLineState, phase: 'running' }).kind).toBe('running');
    expect(statusModel({ ...initialStatusLineState, phase: 'paused' }).label).toBe('paused');
    const error = statusModel({ ...initialStatusLineState, phase: 'failed', error: 'disk full' });
    expect(error).toMatchObject({ kind: 'error', detail: 'disk full', colour: 'red' });
  });

  it('says converged once, with the solver message', () => {
    const s = statusModel(finished({}));
    expect(s.kind).toBe('converged');
    expect(s.detail).toBe('max |g| 5e-5 ≤ 1e-4');
  });

  it('gives advice when stopped at max_iter', () => {
    const withAdvice = statusModel(
      finished({ stopReason: 'max-iter', converged: false, warning: 'increase maxIter' }),
    );
    expect(withAdvice).toMatchObject({ kind: 'max-iter', detail: 'increase maxIter' });
    expect(withAdvice.label).toContain('max_iter');
    const without = statusModel(finished({ stopReason: 'max-iter', converged: false }));
    expect(without.detail).toBe(DEFAULT_MAX_ITER_ADVICE);
  });

  it('reports a cancelled run as cancelled', () => {
    expect(statusModel(finished({ stopReason: 'aborted', converged: false })).kind).toBe(
      'cancelled',
    );
  });

  it('describes saves', () => {
    expect(saveText({ state: 'idle' })).toBe('');
    expect(saveText({ state: 'saved', dir: 'm' })).toBe('saved to m');
    expect(saveText({ state: 'failed', dir: 'm', message: 'EACCES' })).toBe('save failed: EACCES');
  });

  it('describes reports: where the page is, or why there is none', () => {
    expect(reportText({ state: 'idle' })).toBe('');
    expect(reportText({ state: 'writing', dir: 'r' })).toBe('writing the report to r…');
    expect(reportText({ state: 'written', dir: 'r', path: 'r/report.html' })).toBe(
      'report written to r/report.html',
    );
    expect(reportText({ state: 'failed', dir: 'r', message: 'EACCES' })).toBe(
      'report failed: EACCES',
    );
  });
});
