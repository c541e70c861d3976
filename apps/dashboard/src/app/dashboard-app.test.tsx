import { afterEach, describe, expect, it } from 'vitest';
import { tick, unmountAll } from '../test-support/ink-test.js';
import { mountDashboardApp } from '../test-support/mount-dashboard-app.js';

afterEach(unmountAll);

const mount = (columns = 80, rows = 24) => mountDashboardApp({ columns, rows });

/** A dashboard whose session has loaded and run the sample training. */
async function mountRunning(columns = 80, rows = 24) {
  const mounted = await mount(columns, rows);
  await mounted.emit(...mounted.events);
  return mounted;
}

describe('DashboardApp', () => {
  it('shows the session as it trains: header, progress, metrics and the confusion matrix', async () => {
    const { emit, events, frame } = await mount();
    expect(frame()).toContain('loading');
    await emit(...events);
    const text = frame();
    expect(text).toContain('softmax-regression C=1');
    expect(text).toContain('40/500 iter');
    expect(text).toContain('confusion matrix · iter 40 · counts');
    expect(text).toMatch(/most confused \d → \d: \d+ \(\d+\.\d%\)/);
    expect(text).toContain('● running');
  });

  it('n switches the matrix between counts and row-normalized values', async () => {
    const { press, frame } = await mountRunning();
    const firstRow = () => frame().match(/^0 .*$/m)?.[0] ?? '';
    expect(firstRow()).toMatch(/^0\s+\d+\s+\d+\s/);
    await press('n');
    expect(frame()).toContain('row-normalized');
    expect(firstRow()).toMatch(/^0\s+0\.\d\d\s+0\.\d\d\s/);
    await press('n');
    expect(frame()).toContain('· counts');
  });

  it('p asks the session to pause, and the status shows it once the session has paused', async () => {
    const { session, press, emit, frame } = await mountRunning();
    await press('p');
    expect(session.calls).toEqual(['togglePause']);
    await emit({ type: 'paused' });
    expect(frame()).toContain('● paused');
    expect(frame()).toContain('p resume');
  });

  it('? shows the key help over the matrix, and ? again hides it', async () => {
    const { press, frame } = await mountRunning();
    await press('?');
    expect(frame()).toContain('pause / resume training');
    expect(frame()).not.toContain('confusion matrix ·');
    await press('?');
    expect(frame()).not.toContain('pause / resume training');
    expect(frame()).toContain('confusion matrix ·');
  });

  it('s asks the session to save, and the status says where it went', async () => {
    const { session, press, emit, frame } = await mountRunning();
    await press('s');
    expect(session.calls).toEqual(['requestSave']);
    await emit({ type: 'saved', dir: './digitlab-model' });
    expect(frame()).toContain('saved to ./digitlab-model');
  });

  it('r asks the session for a report, and the status says where it went or why it failed', async () => {
    const { session, press, emit, frame } = await mountRunning();
    await press('r');
    expect(session.calls).toEqual(['requestReport']);
    await emit({ type: 'reporting', dir: './digitlab-report' });
    expect(frame()).toContain('writing the report to ./digitlab-report…');
    await emit({
      type: 'reported',
      dir: './digitlab-report',
      path: 'digitlab-report/report.html',
      note: 'figures drawn in confusion-matrix 90 ms',
    });
    expect(frame()).toContain('report written to digitlab-report/report.html');
    await emit({
      type: 'reportFailed',
      dir: 'notes',
      message: 'notes: expected a new directory, …, found a file',
    });
    expect(frame()).toContain('report failed: notes: expected a new directory');
  });

  it('lists r among the keys, in the help and under the dashboard', async () => {
    const { press, frame } = await mountRunning();
    expect(frame()).toContain('r report');
    await press('?');
    expect(frame()).toContain('write a report now: HTML, figures, result (to --report DIR)');
  });

  it('q cancels the session, then reports a quit', async () => {
    const { session, quits, press, frame } = await mount();
    const release = session.holdCancel();
    await press('q');
    expect(session.calls).toEqual(['cancel']);
    expect(frame()).toContain('● quitting');
    expect(quits).toEqual([]);
    release();
    await tick();
    expect(quits).toEqual(['quit']);
  });

  it('handles keys that arrive together in one chunk, each in turn', async () => {
    const { session, press, frame } = await mountRunning();
    await press('np');
    expect(frame()).toContain('row-normalized');
    expect(session.calls).toEqual(['togglePause']);
  });

  it('Ctrl-C cancels the session and reports an interrupt', async () => {
    const { session, quits, press } = await mount();
    await press('\u0003');
    expect(session.calls).toEqual(['cancel']);
    expect(quits).toEqual(['interrupt']);
  });

  it('uses side-by-side panels in a large terminal', async () => {
    const { frame } = await mountRunning(120, 40);
    expect(frame()).toContain('╭');
    expect(frame()).toContain('most confused (true → predicted)');
    expect(frame()).toContain('class  prec   rec    f1  support');
  });
});
