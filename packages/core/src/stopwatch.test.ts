import { afterEach, describe, expect, it, vi } from 'vitest';
import { Stopwatch } from './stopwatch.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Stopwatch', () => {
  it('adds up only the time between start and stop', () => {
    let now = 1000;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const clock = new Stopwatch();
    clock.start();
    now += 30;
    clock.stop();
    now += 500; // paused: not counted
    clock.start();
    clock.start(); // already running: keeps the first start
    now += 12;
    expect(clock.elapsedMs).toBe(42);
    clock.stop();
    clock.stop();
    now += 100;
    expect(clock.elapsedMs).toBe(42);
  });
});
