import { describe, expect, it } from 'vitest';
import { parseGridValues } from './grid-values.js';

const C = { name: 'C', type: 'number' } as const;
const maxIter = { name: 'maxIter', type: 'integer' } as const;

describe('parseGridValues', () => {
  it('reads comma-separated numbers', () => {
    expect(parseGridValues(C, '0.001, 0.01,0.1,1,10,100')).toEqual([0.001, 0.01, 0.1, 1, 10, 100]);
  });

  it('reads logspace and linspace as numpy does, both ends included', () => {
    // numpy.logspace(-3, 2, 6) and numpy.linspace(0, 1, 5)
    expect(parseGridValues(C, 'logspace:-3:2:6')).toEqual([0.001, 0.01, 0.1, 1, 10, 100]);
    expect(parseGridValues(C, 'logspace:-2:0:5')).toEqual([
      0.01, 0.0316227766017, 0.1, 0.316227766017, 1,
    ]);
    expect(parseGridValues(C, 'linspace:0:1:5')).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(parseGridValues(C, 'linspace:2:2:1')).toEqual([2]);
    expect(parseGridValues(maxIter, 'linspace:100:500:5')).toEqual([100, 200, 300, 400, 500]);
  });

  it('converts booleans and enum choices by the option type', () => {
    expect(parseGridValues({ name: 'warmStart', type: 'boolean' }, 'true,false')).toEqual([
      true,
      false,
    ]);
    const solver = { name: 'solver', type: 'enum', choices: ['lbfgs', 'sgd', 'adam'] } as const;
    expect(parseGridValues(solver, 'sgd,adam')).toEqual(['sgd', 'adam']);
    expect(() => parseGridValues(solver, 'sgd,newton')).toThrow(
      'values of solver ("sgd,newton"): expected one of lbfgs, sgd, adam, found "newton"',
    );
  });

  it.each([
    [
      C,
      '0.1,,1',
      'expected a comma-separated list of values (or logspace:/linspace:), found an empty item',
    ],
    [C, '0.1,abc', 'expected a number, found "abc"'],
    [maxIter, '100,150.5', 'expected an integer, found "150.5"'],
    [C, 'logspace:-3:2', 'expected logspace:<start>:<stop>:<count> with numbers and a count ≥ 1'],
    [C, 'logspace:-3:2:0', 'expected logspace:<start>:<stop>:<count>'],
    [maxIter, 'logspace:0:1:3', 'maxIter takes integers, but logspace gives 3.16227766017'],
    [
      { name: 'solver', type: 'enum', choices: ['lbfgs'] } as const,
      'logspace:0:1:3',
      'logspace makes numbers, but solver is one of lbfgs',
    ],
  ])('rejects %#: %s', (option, text, message) => {
    expect(() => parseGridValues(option, text)).toThrow(message);
  });
});
