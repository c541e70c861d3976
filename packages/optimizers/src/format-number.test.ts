import { describe, expect, it } from 'vitest';
import { formatNumber } from './format-number.js';

describe('formatNumber', () => {
  it('writes two significant digits, exponents without a plus sign or trailing .0', () => {
    expect(formatNumber(1e-5)).toBe('1e-5');
    expect(formatNumber(8.1234e-6)).toBe('8.1e-6');
    expect(formatNumber(2.220446049250313e-9)).toBe('2.2e-9');
    expect(formatNumber(-3.5e7)).toBe('-3.5e7');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(36)).toBe('36');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(Number.NaN)).toBe('NaN');
  });
});
