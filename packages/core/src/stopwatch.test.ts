import { describe, expect, it } from 'vitest';
import { Stopwatch } from './stopwatch.js';
import { fakeClock } from './test-support/fake-clock.js';

describe('Stopwatch', () => {
  it('adds up only the time between start and stop', () => {
    const time = fakeClock(1000);
    const clock = new Stopwatch();
    clock.start();
    time.advance(30);
    clock.stop();
    time.advance(500); // paused: not counted
    clock.start();
    clock.start(); // already running: keeps the first start
    time.advance(12);
    expect(clock.elapsedMs).toBe(42);
    clock.stop();
    clock.stop();
    time.advance(100);
    expect(clock.elapsedMs).toBe(42);
  });
});
