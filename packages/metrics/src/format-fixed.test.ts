import { describe, expect, it } from 'vitest';
import { formatFixed } from './format-fixed.js';

describe('formatFixed', () => {
  // Expected strings are Python 3.11's format(value, '.Nf'), the formatter scikit-learn uses.
  it.each([
    [0.125, 2, '0.12'],
    [0.375, 2, '0.38'],
    [-0.125, 2, '-0.12'],
    [2.5, 0, '2'],
    [3.5, 0, '4'],
    [0.5, 0, '0'],
    [0.0625, 3, '0.062'],
    [1.005, 2, '1.00'],
    [2 / 3, 2, '0.67'],
    [1e-7, 2, '0.00'],
    [1 / 3, 20, '0.33333333333333331483'],
    [-0, 2, '-0.00'],
    [Number.NaN, 2, 'nan'],
    [Number.POSITIVE_INFINITY, 2, 'inf'],
    [Number.NEGATIVE_INFINITY, 3, '-inf'],
  ])('formats %s with %i digits as %s', (value, digits, expected) => {
    expect(formatFixed(value, digits)).toBe(expected);
  });
});
