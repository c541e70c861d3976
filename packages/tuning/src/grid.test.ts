import { centroidPlugin } from '@digitlab/core/testing';
import { softmaxRegression } from '@digitlab/softmax-regression';
import { describe, expect, it } from 'vitest';
import { expandGrid, formatParams, formatValue } from './grid.js';

const softmax = softmaxRegression();

describe('expandGrid', () => {
  it('validates each setting with the plugin schema, defaults filled in, base under the grid', () => {
    const settings = expandGrid(softmax, { C: [0.1, 1] }, { maxIter: 500, C: 3 });
    expect(settings.map((s) => s.params)).toEqual([{ C: 0.1 }, { C: 1 }]);
    expect(settings[1]?.options).toMatchObject({ C: 1, maxIter: 500, solver: 'lbfgs', tol: 1e-4 });
  });

  it('takes the product of several options, the last varying fastest (ParameterGrid order)', () => {
    const settings = expandGrid(softmax, { C: [0.1, 1], solver: ['lbfgs', 'adam'], m: [5] });
    expect(settings.map((s) => s.params)).toEqual([
      { C: 0.1, solver: 'lbfgs', m: 5 },
      { C: 0.1, solver: 'adam', m: 5 },
      { C: 1, solver: 'lbfgs', m: 5 },
      { C: 1, solver: 'adam', m: 5 },
    ]);
  });

  it('rejects an empty grid and an option without values', () => {
    expect(() => expandGrid(softmax, {})).toThrow(
      "grid for 'softmax-regression': expected at least one option with values to try, found none",
    );
    expect(() => expandGrid(softmax, { C: [] })).toThrow(
      "grid for 'softmax-regression': expected at least one value for option 'C', found none",
    );
  });

  it('rejects an option the plugin does not have, listing those it has', () => {
    expect(() => expandGrid(centroidPlugin(), { C: [1] })).toThrow(
      "grid for 'toy-centroid': expected options of the plugin (shrink), found unknown option 'C'",
    );
  });

  it.each([
    [
      { C: [1, -2] },
      "value -2 of option 'C' is outside its schema: Too small: expected number to be >0",
    ],
    [{ maxIter: [10, 2.5] }, "value 2.5 of option 'maxIter' is outside its schema"],
    [{ solver: ['lbfgs', 'newton'] }, 'value "newton" of option \'solver\' is outside its schema'],
  ])('rejects a value outside the schema, naming it: %j', (grid, message) => {
    expect(() => expandGrid(softmax, grid)).toThrow(message);
  });
});

describe('formatting settings', () => {
  it('writes numbers short and exact enough', () => {
    expect([0.001, 0.01, 100, 3.1622776601683795, 1e-5, 2e6, 0].map(formatValue)).toEqual([
      '0.001',
      '0.01',
      '100',
      '3.162',
      '1e-5',
      '2e6',
      '0',
    ]);
    expect(formatParams({ C: 0.1, solver: 'adam' })).toBe('C=0.1, solver=adam');
  });
});
