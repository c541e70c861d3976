import { stripVTControlCharacters } from 'node:util';
import type { SessionEvent } from '@digitlab/session';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSession } from '../test-support/fake-session.js';
import { sampleRunActions } from '../test-support/sample-dashboard.js';
import { DashboardApp, type QuitReason } from './dashboard-app.js';

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));
const strip = (s: string | undefined) => stripVTControlCharacters(s ?? '');
let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

async function mount(columns = 80, rows = 24) {
  const session = new FakeSession();
  const quits: QuitReason[] = [];
  const app = render(
    <DashboardApp
      session={session}
      saveDir="./digitlab-model"
      initialSize={{ columns, rows }}
      frameIntervalMs={0}
      onQuit={(reason) => quits.push(reason)}
    />,
  );
  cleanup = app.unmount;
  // useInput subscribes in an effect: give it a tick before writing keys.
  await tick();
  const events = sampleRunActions(40, 10).filter(
    (a): a is SessionEvent => a.type !== 'memory' && a.type !== 'batch',
  );
  return { app, session, quits, events, frame: () => strip(app.lastFrame()) };
}

describe('DashboardApp', () => {
  it('shows the session as it trains: header, progress, metrics and the confusion matrix', async () => {
    const { session, events, frame } = await mount();
    expect(frame()).toContain('loading');
    session.emit(...events);
    await tick();
    const text = frame();
    expect(text).toContain('softmax-regression C=1');
    expect(text).toContain('40/500 iter');
    expect(text).toContain('confusion matrix · iter 40 · counts');
    expect(text).toMatch(/most confused \d → \d: \d+ \(\d+\.\d%\)/);
    expect(text).toContain('● running');
  });

  it('n switches the matrix between counts and row-normalized values', async () => {
    const { app, session, events, frame } = await mount();
    session.emit(...events);
    await tick();
    const firstRow = () => frame().match(/^0 .*$/m)?.[0] ?? '';
    expect(firstRow()).toMatch(/^0\s+\d+\s+\d+\s/);
    app.stdin.write('n');
    await tick();
    expect(frame()).toContain('row-normalized');
    expect(firstRow()).toMatch(/^0\s+0\.\d\d\s+0\.\d\d\s/);
    app.stdin.write('n');
    await tick();
    expect(frame()).toContain('· counts');
  });

  it('p asks the session to pause, and the status shows it once the session has paused', async () => {
    const { app, session, events, frame } = await mount();
    session.emit(...events);
    await tick();
    app.stdin.write('p');
    await tick();
    expect(session.calls).toEqual(['togglePause']);
    session.emit({ type: 'paused' });
    await tick();
    expect(frame()).toContain('● paused');
    expect(frame()).toContain('p resume');
  });

  it('? shows the key help over the matrix, and ? again hides it', async () => {
    const { app, session, events, frame } = await mount();
    session.emit(...events);
    await tick();
    app.stdin.write('?');
    await tick();
    expect(frame()).toContain('pause / resume training');
    expect(frame()).not.toContain('confusion matrix ·');
    app.stdin.write('?');
    await tick();
    expect(frame()).not.toContain('pause / resume training');
    expect(frame()).toContain('confusion matrix ·');
  });

  it('s asks the session to save, and the status says where it went', async () => {
    const { app, session, events, frame } = await mount();
    session.emit(...events);
    await tick();
    app.stdin.write('s');
    await tick();
    expect(session.calls).toEqual(['requestSave']);
    session.emit({ type: 'saved', dir: './digitlab-model' });
    await tick();
    expect(frame()).toContain('saved to ./digitlab-model');
  });

  it('q cancels the session, then reports a quit', async () => {
    const { app, session, quits, frame } = await mount();
    const release = session.holdCancel();
    app.stdin.write('q');
    await tick();
    expect(session.calls).toEqual(['cancel']);
    expect(frame()).toContain('● quitting');
    expect(quits).toEqual([]);
    release();
    await tick();
    expect(quits).toEqual(['quit']);
  });

  it('handles keys that arrive together in one chunk, each in turn', async () => {
    const { app, session, events, frame } = await mount();
    session.emit(...events);
    await tick();
    app.stdin.write('np');
    await tick();
    expect(frame()).toContain('row-normalized');
    expect(session.calls).toEqual(['togglePause']);
  });

  it('Ctrl-C cancels the session and reports an interrupt', async () => {
    const { app, session, quits } = await mount();
    app.stdin.write('\u0003');
    await tick();
    expect(session.calls).toEqual(['cancel']);
    expect(quits).toEqual(['interrupt']);
  });

  it('uses side-by-side panels in a large terminal', async () => {
    const { session, events, frame } = await mount(120, 40);
    session.emit(...events);
    await tick();
    expect(frame()).toContain('╭');
    expect(frame()).toContain('most confused (true → predicted)');
    expect(frame()).toContain('class  prec   rec    f1  support');
  });
});
