import { centroidPlugin } from '@digitlab/core/testing';
import { softmaxRegression } from '@digitlab/softmax-regression';
import { describe, expect, it } from 'vitest';
import { resolveTuneSettings, type TuneFlags, tuneOptionFlags } from './tune-settings.js';

const plugin = softmaxRegression();
const flags: TuneFlags = { dataset: 'mnist', classifier: 'softmax-regression', seed: 3 };
const env = { interactive: false };

describe('tune settings', () => {
  it('has a values flag per plugin option, the solver as --optimizer, backend and seed left to the app', () => {
    const names = tuneOptionFlags(plugin).map((f) => f.flag);
    expect(names).toEqual(
      expect.arrayContaining(['--C', '--max-iter', '--optimizer', '--learning-rate']),
    );
    expect(names).not.toContain('--backend');
    expect(names).not.toContain('--seed');
  });

  it('sweeps options given several values and fixes those given one', () => {
    const settings = resolveTuneSettings(
      plugin,
      { ...flags, cv: 3, perClass: 50 },
      { C: 'logspace:-3:2:6', maxIter: '500', optimizer: 'lbfgs,adam' },
      env,
    );
    expect(settings.grid).toEqual({ C: [0.001, 0.01, 0.1, 1, 10, 100], solver: ['lbfgs', 'adam'] });
    expect(settings.base).toEqual({ maxIter: 500, seed: 3 });
    expect(settings.folds).toBe(3);
    expect(settings.data).toMatchObject({ sampling: { kind: 'per-class', perClass: 50 }, seed: 3 });
    expect(settings.mode).toBe('plain');
    expect(resolveTuneSettings(plugin, { ...flags, json: true }, { C: '1,2' }, env).folds).toBe(5);
  });

  it.each([
    [
      {},
      /expected at least one option with two or more values to try \(e\.g\. --C 0\.01,0\.1,1 or --C logspace:-3:2:6\), found none/,
    ],
    [{ C: '0.1' }, /found only single values/],
    [{ C: '0.1,abc' }, /--C: values of C \("0\.1,abc"\): expected a number, found "abc"/],
    [
      { C: '0,1' },
      /value 0 of option 'C' is outside its schema: Too small: expected number to be >0/,
    ],
    [{ C: '1,2', maxIter: '0' }, /--max-iter: Too small: expected number to be >=1, found 0/],
  ])('rejects %j in one clear message', (values, message) => {
    expect(() => resolveTuneSettings(plugin, flags, values as Record<string, string>, env)).toThrow(
      message,
    );
  });

  it('refuses --backend for a plugin without that option', () => {
    expect(() =>
      resolveTuneSettings(centroidPlugin(), { ...flags, backend: 'cpu' }, { shrink: '0,0.5' }, env),
    ).toThrow("--backend: classifier 'toy-centroid' has no backend option");
  });
});
