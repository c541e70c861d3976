import { toySplits } from '@digitlab/session/testing';
import { describe, expect, it } from 'vitest';
import { sampleEvaluation, sampleInfo } from '../test-support/sample-dashboard.js';
import { trainJsonResult } from './json-result.js';

const { train, test } = toySplits(2, 10, 4);

/** How a fit of `steps` steps ended, in one second. */
const fitOutcome = (stopReason: string, steps: number, converged = false) => ({
  stopReason,
  converged,
  message: '',
  steps,
  fitSeconds: 1,
});

describe('trainJsonResult', () => {
  it("says what `iterations` counts, in the plugin's unit", () => {
    const info = { ...sampleInfo(), unit: 'epoch' as const };
    const outcome = fitOutcome('epochs', 5);
    const json = trainJsonResult({
      info,
      outcome,
      evaluation: sampleEvaluation(5, 0.9),
      train,
      test,
    });
    expect(json).toMatchObject({ iterations: 5, unit: 'epoch', optimizer: 'lbfgs' });
  });

  it("says what `evaluations` counts in the plugin's words, null when it names nothing", () => {
    const outcome = fitOutcome('epochs', 5);
    const named = { ...sampleInfo(), evaluationsUnit: 'batches' };
    expect(trainJsonResult({ info: named, outcome, train, test }).evaluations_unit).toBe('batches');
    const { evaluationsUnit: _, ...unnamed } = sampleInfo();
    expect(trainJsonResult({ info: unnamed, outcome, train, test }).evaluations_unit).toBeNull();
  });

  it('keeps the optimizer null for a plugin without a solver', () => {
    const info = { ...sampleInfo(), unit: 'step' as const, optimizer: undefined };
    const outcome = fitOutcome('completed', 3, true);
    const json = trainJsonResult({
      info,
      outcome,
      train,
      test,
    });
    expect(json).toMatchObject({
      optimizer: null,
      unit: 'step',
      iterations: 3,
      confusion_matrix: [],
    });
  });

  it('says why the backend is not the one asked for, when it is not', () => {
    const outcome = fitOutcome('max-iter', 1);
    const run = { outcome, train, test };
    const note = 'wasm did not initialize: cpu';
    expect(trainJsonResult({ ...run, info: { ...sampleInfo(), backendNote: note } })).toMatchObject(
      {
        backend_note: note,
        notes: [note],
      },
    );
    expect(trainJsonResult({ ...run, info: sampleInfo() })).not.toHaveProperty('backend_note');
  });
});
