import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { strip, tick, unmountAll, unmountLater } from '../../test-support/ink-test.js';
import { TuneApp } from './tune-app.js';
import { TuneDashboard } from './tune-dashboard.js';
import { initialTuneState, type TuneAction, tuneReducer } from './tune-reducer.js';
import { createTuneFeed } from './use-tune-state.js';

afterEach(unmountAll);

const actions: TuneAction[] = [
  {
    type: 'started',
    plugin: 'softmax-regression',
    settings: [{ C: 0.01 }, { C: 0.1 }, { C: 1 }],
    folds: 2,
    numSamples: 1000,
    tasks: 2,
    concurrency: 2,
    pathOption: 'C',
    trialOptions: {},
  },
  ...[0.8, 0.92, 0.88].map(
    (mean, setting): TuneAction => ({
      type: 'setting-scored',
      setting,
      best: setting === 0 ? 0 : 1,
      score: { params: {}, meanScore: mean, stdScore: 0.01, foldScores: [], fitSeconds: 1 },
    }),
  ),
  { type: 'refit-started', params: { C: 0.1 } },
  { type: 'refit-finished', fitSeconds: 2, converged: true, testAccuracy: 0.915 },
];

describe('TuneDashboard', () => {
  it('shows the table with the best setting starred, the curve and the refit', () => {
    const state = actions.reduce(tuneReducer, initialTuneState);
    const frame = strip(
      unmountLater(render(<TuneDashboard state={state} width={80} />)).lastFrame(),
    );
    expect(frame).toContain(
      'softmax-regression · 1,000 samples · 2-fold CV · 2 in parallel · warm start along C',
    );
    expect(frame).toMatch(/★ 0\.1\s+0\.9200 ± 0\.0100/);
    expect(frame).toMatch(/ {2}0\.01\s+0\.8000 ± 0\.0100/);
    expect(frame).toContain('◆');
    expect(frame.match(/●/g)?.length).toBe(2);
    expect(frame).toContain('refit 0.1 on all 1,000 samples: 2.0 s, test accuracy 0.9150');
  });

  it('fills in from a feed, including what came before it was mounted, and passes Ctrl-C on', async () => {
    const feed = createTuneFeed();
    feed.push(actions[0] as TuneAction);
    let interrupted = 0;
    const app = unmountLater(render(<TuneApp feed={feed} onInterrupt={() => interrupted++} />));
    await tick();
    expect(strip(app.lastFrame())).toContain('trials 0/6');
    for (const action of actions.slice(1, 3)) feed.push(action);
    await tick();
    expect(strip(app.lastFrame())).toMatch(/★ 0\.1\s+0\.9200/);
    app.stdin.write('\u0003');
    await tick();
    expect(interrupted).toBe(1);
  });
});
