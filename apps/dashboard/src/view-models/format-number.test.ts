import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatPercent, formatValue } from './format-number.js';

describe('number formatting', () => {
  it('shows metric values with a few significant digits, tiny ones in exponent form', () => {
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(0.0000123)).toBe('1.2e-5');
    expect(formatValue(0.001027)).toBe('1.0e-3');
    expect(formatValue(undefined)).toBe('–');
    expect(formatValue(0)).toBe('0');
  });

  it('shows fractions as percentages', () => {
    expect(formatPercent(0.9123)).toBe('91.2%');
    expect(formatPercent(1, 2)).toBe('100.00%');
  });

  it('shows byte counts in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(312 * 1024 * 1024)).toBe('312 MiB');
  });

  it('groups the thousands of counts', () => {
    expect(formatCount(3072)).toBe('3,072');
    expect(formatCount(10_000)).toBe('10,000');
    expect(formatCount(1234.4)).toBe('1,234');
    expect(formatCount(12)).toBe('12');
  });
});
