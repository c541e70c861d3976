import { describe, expect, it } from 'vitest';
import { createImageThrottle } from './image-throttle.js';

const fakeClock = () => {
  const clock = { t: 1000, now: () => clock.t };
  return clock;
};

describe('createImageThrottle', () => {
  it('is due at once, then again after the minimum interval', () => {
    const clock = fakeClock();
    const throttle = createImageThrottle({ minIntervalMs: 250, maxShare: 0.05 }, clock);
    expect(throttle.due()).toBe(true);
    throttle.took(1000); // a take that cost nothing
    clock.t = 1249;
    expect(throttle.due()).toBe(false);
    clock.t = 1250;
    expect(throttle.due()).toBe(true);
  });

  it('waits longer after a costly take, keeping takes within the share of the time', () => {
    const clock = fakeClock();
    const throttle = createImageThrottle({ minIntervalMs: 250, maxShare: 0.1 }, clock);
    clock.t = 1100; // the take cost 100 ms: at 10 % the next may start 900 ms after it ended
    throttle.took(1000);
    clock.t = 1999;
    expect(throttle.due()).toBe(false);
    clock.t = 2000;
    expect(throttle.due()).toBe(true);
  });

  it('refuses a share outside (0, 1]', () => {
    expect(() => createImageThrottle({ minIntervalMs: 0, maxShare: 0 }, fakeClock())).toThrow(
      'expected maxShare in (0, 1], found 0',
    );
  });
});
