import type { SessionEvent } from '@digitlab/session';
import { afterEach, describe, expect, it } from 'vitest';
import { tick, unmountAll } from '../test-support/ink-test.js';
import { mountDashboardApp } from '../test-support/mount-dashboard-app.js';

afterEach(unmountAll);

const mount = (columns = 80, rows = 24) => mountDashboardApp({ columns, rows });

/** A dashboard whose session has loaded and run the sample training, drawn to its last step. */
async function mountRunning(columns = 80, rows = 24) {
  const mounted = await mount(columns, rows);
  await mounted.emit(...mounted.events);
  await mounted.waitForFrame('iter 40');
  return mounted;
}

// The tests wait on what is drawn, for up to 10 s each under a loaded machine; the default 5 s
// test timeout would cut them short.
describe('DashboardApp', { timeout: 60_000 }, () => {
  it('shows the session as it trains: header, progress, metrics and the confusion matrix', async () => {
    const { emit, events, frame, waitForFrame } = await mount();
    expect(frame()).toContain('loading');
    await emit(...events);
    const text = await waitForFrame('confusion matrix · iter 40 · counts');
    expect(text).toContain('softmax-regression C=1');
    expect(text).toContain('40/500 iter');
    expect(text).toMatch(/most confused \d → \d: \d+ \(\d+\.\d%\)/);
    expect(text).toContain('● running');
  });

  it('n switches the matrix between counts and row-normalized values', async () => {
    const { press, frame, waitForFrame } = await mountRunning();
    const firstRow = () => frame().match(/^0 .*$/m)?.[0] ?? '';
    expect(firstRow()).toMatch(/^0\s+\d+\s+\d+\s/);
    await press('n');
    await waitForFrame('row-normalized');
    expect(firstRow()).toMatch(/^0\s+0\.\d\d\s+0\.\d\d\s/);
    await press('n');
    await waitForFrame('· counts');
  });

  it.each<[string, string, SessionEvent, string[]]>([
    ['p', 'togglePause', { type: 'paused' }, ['● paused', 'p resume']],
    ['s', 'requestSave', { type: 'saved', dir: './digitlab-model' }, ['saved to ./digitlab-model']],
    [
      'r',
      'requestReport',
      { type: 'reporting', dir: './digitlab-report' },
      ['writing the report to ./digitlab-report…'],
    ],
  ])(
    '%s asks the session to %s, and the status shows its answer',
    async (key, call, answer, shown) => {
      const { session, press, emit, waitForFrame } = await mountRunning();
      await press(key);
      expect(session.calls).toEqual([call]);
      await emit(answer);
      for (const text of shown) await waitForFrame(text);
    },
  );

  it('the status says where the report went, or why it failed', async () => {
    const { emit, waitForFrame } = await mountRunning();
    await emit({
      type: 'reported',
      dir: './digitlab-report',
      path: 'digitlab-report/report.html',
      note: 'figures drawn in confusion-matrix 90 ms',
    });
    await waitForFrame('report written to digitlab-report/report.html');
    await emit({
      type: 'reportFailed',
      dir: 'notes',
      message: 'notes: expected a new directory, …, found a file',
    });
    await waitForFrame('report failed: notes: expected a new directory');
  });

  it('? shows the key help over the matrix, and ? again hides it', async () => {
    const { press, waitForFrame } = await mountRunning();
    await press('?');
    expect(await waitForFrame('pause / resume training')).not.toContain('confusion matrix ·');
    await press('?');
    expect(await waitForFrame('confusion matrix ·')).not.toContain('pause / resume training');
  });

  it('lists r among the keys, in the help and under the dashboard', async () => {
    const { press, frame, waitForFrame } = await mountRunning();
    expect(frame()).toContain('r report');
    await press('?');
    await waitForFrame('write a report now: HTML, figures, result (to --report DIR)');
  });

  it('q cancels the session, then reports a quit', async () => {
    const { session, quits, press, waitForFrame } = await mount();
    const release = session.holdCancel();
    await press('q');
    expect(session.calls).toEqual(['cancel']);
    await waitForFrame('● quitting');
    expect(quits).toEqual([]);
    release();
    await tick();
    expect(quits).toEqual(['quit']);
  });

  it('handles keys that arrive together in one chunk, each in turn', async () => {
    const { session, press, waitForFrame } = await mountRunning();
    await press('np');
    await waitForFrame('row-normalized');
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
