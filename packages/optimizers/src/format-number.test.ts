import { describe, expect, it } from 'vitest';
import { formatNumber } from './format-number.js';

describe('formatNumber', () => {
  it('keeps three significant digits and uses a short exponent for tiny or huge values', () => {
    expect(formatNumber(0.123456)).toBe('0.123');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(36)).toBe('36');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(1e-4)).toBe('1e-4');
    expect(formatNumber(1e-5)).toBe('1e-5');
    expect(formatNumber(2.5e-7)).toBe('2.5e-7');
    expect(formatNumber(8.1234e-6)).toBe('8.12e-6');
    expect(formatNumber(2.220446049250313e-9)).toBe('2.22e-9');
    expect(formatNumber(-3.14159e6)).toBe('-3.14e+6');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });

  it('drops trailing zeros of the mantissa but keeps inner ones', () => {
    expect(formatNumber(1.2e-5)).toBe('1.2e-5');
    expect(formatNumber(1.05e-5)).toBe('1.05e-5');
    expect(formatNumber(1e5)).toBe('1e+5');
  });
});
