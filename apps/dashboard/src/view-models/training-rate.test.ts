import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration.js';
import { etaSeconds, stepsPerSecond } from './training-rate.js';

describe('rate, ETA and durations', () => {
  it('computes steps per second from fit time', () => {
    expect(stepsPerSecond(50, 2000)).toBe(25);
    expect(stepsPerSecond(0, 1000)).toBeUndefined();
    expect(stepsPerSecond(10, 0)).toBeUndefined();
  });

  it('estimates the time left at the average rate so far', () => {
    expect(etaSeconds(100, 500, 10_000)).toBe(40);
    expect(etaSeconds(100, undefined, 10_000)).toBeUndefined();
    expect(etaSeconds(0, 500, 0)).toBeUndefined();
  });

  it('formats durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(61.4)).toBe('1:01');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(undefined)).toBe('–');
    expect(formatDuration(-1)).toBe('–');
  });
});
