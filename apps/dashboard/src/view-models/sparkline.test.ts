import { describe, expect, it } from 'vitest';
import { sparkline } from './sparkline.js';

describe('sparkline', () => {
  it('maps the smallest value to the lowest bar and the largest to the highest', () => {
    const line = sparkline([3, 1, 2, 5], 10);
    expect([...line]).toHaveLength(4);
    expect(line[1]).toBe('▁');
    expect(line[3]).toBe('█');
  });

  it('rises for an increasing series and falls for a decreasing one', () => {
    const up = [...sparkline([1, 2, 3, 4, 5, 6, 7, 8], 8)];
    const bars = '▁▂▃▄▅▆▇█';
    const levels = up.map((c) => bars.indexOf(c));
    for (let i = 1; i < levels.length; i++)
      expect(levels[i]).toBeGreaterThanOrEqual(levels[i - 1]!);
    const down = [...sparkline([8, 4, 2, 1], 4)].map((c) => bars.indexOf(c));
    expect(down[0]).toBeGreaterThan(down[3]!);
  });

  it('squeezes a long history into the width by averaging buckets', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i);
    const line = sparkline(values, 20);
    expect([...line]).toHaveLength(20);
    expect(line.startsWith('▁')).toBe(true);
    expect(line.endsWith('█')).toBe(true);
  });

  it('draws a flat series at mid height and leaves gaps for non-finite values', () => {
    expect(sparkline([2, 2, 2], 5)).toBe('▄▄▄');
    expect(sparkline([1, Number.NaN, 3], 5)).toBe('▁ █');
  });

  it('is empty for no values or no room', () => {
    expect(sparkline([], 10)).toBe('');
    expect(sparkline([1, 2], 0)).toBe('');
  });
});
