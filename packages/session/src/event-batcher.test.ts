import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBatcher } from './event-batcher.js';

describe('createBatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first item at once and coalesces a burst into the next interval', () => {
    const batches: number[][] = [];
    const clock = { now: () => Date.now() };
    const batcher = createBatcher<number>((items) => batches.push(items), 100, clock);
    batcher.push(1);
    expect(batches).toEqual([[1]]);
    for (let i = 2; i <= 50; i++) batcher.push(i);
    expect(batches).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(2);
    expect(batches[1]).toHaveLength(49);
  });

  it('never delivers more than one batch per interval, and loses no item', () => {
    const deliveries: { at: number; items: number[] }[] = [];
    const clock = { now: () => Date.now() };
    const batcher = createBatcher<number>(
      (items) => deliveries.push({ at: Date.now(), items }),
      100,
      clock,
    );
    for (let t = 0; t < 1000; t += 5) {
      batcher.push(t);
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(100);
    const gaps = deliveries.slice(1).map((d, i) => d.at - (deliveries[i]?.at ?? 0));
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(100);
    const delivered = deliveries.flatMap((d) => d.items);
    expect(delivered).toEqual(Array.from({ length: 200 }, (_, i) => i * 5));
  });

  it('flushes what is pending when stopped and ignores later items', () => {
    const batches: number[][] = [];
    const clock = { now: () => Date.now() };
    const batcher = createBatcher<number>((items) => batches.push(items), 100, clock);
    batcher.push(1);
    batcher.push(2);
    batcher.stop();
    batcher.push(3);
    vi.advanceTimersByTime(500);
    expect(batches).toEqual([[1], [2]]);
  });
});
