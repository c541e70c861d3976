import { describe, expect, it } from 'vitest';
import { progressModel, progressText } from './progress-model.js';

const state = {
  total: 500,
  latest: { step: 100, total: 500, evaluations: 108, elapsedMs: 10_000 },
};

describe('progressModel', () => {
  it('shows step / total, function evaluations, rate, elapsed and ETA', () => {
    const m = progressModel(state, 'iteration', 10, false);
    expect(m.fraction).toBeCloseTo(0.2);
    expect(m.bar).toBe('██░░░░░░░░');
    expect(progressText(m)).toBe('100/500 iter · 108 f-evals · 10.0 it/s · 0:10 · ETA 0:40');
  });

  it('is full and done once finished, even when the solver stopped early', () => {
    const m = progressModel({ ...state, fitSeconds: 12 }, 'iteration', 10, true);
    expect(m.bar).toBe('██████████');
    expect(m.eta).toBe('done');
    expect(m.elapsed).toBe('0:12');
  });

  it("counts the plugin's evaluations in its own unit", () => {
    const m = progressModel(state, 'epoch', 10, false, 'batches');
    expect(m.evaluations).toBe('108 batches');
  });

  it('leaves out what the plugin does not report, and names epochs', () => {
    const m = progressModel({ latest: { step: 3, elapsedMs: 1500 } }, 'epoch', 10, false);
    expect(progressText(m)).toBe('3 epoch · 2.00 epoch/s · 0:02 · ETA –');
  });
});
