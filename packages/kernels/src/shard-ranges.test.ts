import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shardRanges } from './shard-ranges.js';

describe('shardRanges', () => {
  it('covers every row once, in order, with sizes differing by at most one', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: 1, max: 64 }), (n, count) => {
        const shards = shardRanges(n, count);
        expect(shards).toHaveLength(count);
        expect(shards[0]?.first).toBe(0);
        expect(shards.at(-1)?.end).toBe(n);
        for (let w = 1; w < count; w++) expect(shards[w]?.first).toBe(shards[w - 1]?.end);
        const sizes = shards.map((s) => s.end - s.first);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('rejects a shard count below one', () => {
    expect(() => shardRanges(10, 0)).toThrow('expected at least one shard, found 0');
  });
});
