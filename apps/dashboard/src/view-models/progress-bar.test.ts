import { describe, expect, it } from 'vitest';
import { progressBar } from './progress-bar.js';

describe('progressBar', () => {
  it('is always exactly width cells', () => {
    for (const f of [0, 0.01, 0.333, 0.5, 0.99, 1])
      expect([...progressBar(f, 17)]).toHaveLength(17);
  });

  it('is empty at 0 or unknown, full at 1, and clamps outside [0, 1]', () => {
    expect(progressBar(0, 4)).toBe('░░░░');
    expect(progressBar(undefined, 4)).toBe('░░░░');
    expect(progressBar(1, 4)).toBe('████');
    expect(progressBar(2, 4)).toBe('████');
    expect(progressBar(-1, 4)).toBe('░░░░');
  });

  it('fills in proportion, with an eighth block for the remainder', () => {
    expect(progressBar(0.5, 10)).toBe('█████░░░░░');
    expect(progressBar(0.0625, 2)).toBe('▏░');
  });
});
