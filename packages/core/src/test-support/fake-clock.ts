import { onTestFinished, vi } from 'vitest';

/** A performance.now() that stands still at `start` until `advance` moves it, for the current test. */
export interface FakeClock {
  advance(ms: number): void;
}

/** Replaces performance.now() with a FakeClock until the test ends. */
export function fakeClock(start = 0): FakeClock {
  let now = start;
  const spy = vi.spyOn(performance, 'now').mockImplementation(() => now);
  onTestFinished(() => {
    spy.mockRestore();
  });
  return {
    advance(ms) {
      now += ms;
    },
  };
}
