import type { FitOutcome } from '@digitlab/session';
import { describe, expect, it } from 'vitest';
import { finalTrainingReport, outcomeLine } from './final-report.js';

const outcome = (o: Partial<FitOutcome>): FitOutcome => ({
  stopReason: 'completed',
  converged: true,
  message: 'indexed 1000 samples',
  steps: 8,
  fitSeconds: 0.25,
  ...o,
});

describe('outcomeLine', () => {
  it("counts steps in the plugin's own unit, singular or plural", () => {
    expect(outcomeLine(outcome({}), 'step')).toMatch(/^\S.* after 8 steps, 0\.25 s of fitting/);
    expect(outcomeLine(outcome({ stopReason: 'epochs', steps: 10 }), 'epoch')).toContain(
      'after 10 epochs,',
    );
    expect(
      outcomeLine(outcome({ stopReason: 'gtol', steps: 1, evaluations: 3 }), 'iteration'),
    ).toContain('after 1 iteration, 3 function evaluations,');
  });

  it("counts evaluations in the plugin's own unit when it names one", () => {
    const adam = outcome({ stopReason: 'epochs', steps: 10, evaluations: 250 });
    expect(outcomeLine(adam, 'epoch', 'batches')).toContain('after 10 epochs, 250 batches,');
  });

  it('never calls a k-NN index or an epoch an iteration', () => {
    const knn = finalTrainingReport(outcome({}), undefined, ['0', '1'], 'step');
    const mlp = finalTrainingReport(outcome({ steps: 3 }), undefined, ['0', '1'], 'epoch');
    expect(knn).not.toContain('iteration');
    expect(mlp).not.toContain('iteration');
    expect(mlp.split('\n')[0]).toContain('after 3 epochs');
  });
});
