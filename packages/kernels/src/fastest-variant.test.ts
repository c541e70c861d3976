import { describe, expect, it } from 'vitest';
import { FastestVariant } from './fastest-variant.js';

/** Run `calls` calls, each costing costOf(variant, call); the variants used, in order. */
function drive(
  chooser: FastestVariant,
  calls: number,
  costOf: (v: number, call: number) => number,
) {
  const used: number[] = [];
  for (let c = 0; c < calls; c++) {
    const v = chooser.next();
    used.push(v);
    chooser.done(chooser.timing ? costOf(v, c) : Number.NaN);
  }
  return used;
}

describe('FastestVariant', () => {
  it('gives each variant its turns, times only after the warm-up, then keeps the fastest', () => {
    const chooser = new FastestVariant(3, { callsPerTurn: 2, warmupCalls: 6, decideAfter: 18 });
    // Variant 1 is fastest once warm; during the warm-up it is by far the slowest (unoptimized).
    const used = drive(chooser, 24, (v, c) => (c < 6 && v === 1 ? 100 : [3, 1, 2][v]!));
    expect(used.slice(0, 18)).toEqual([0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2]);
    expect(chooser.chosen).toBe(1);
    expect(used.slice(18)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(chooser.timing).toBe(false);
  });

  it('judges a variant by its lowest cost, so one slowed call (a pause) does not sink it', () => {
    const chooser = new FastestVariant(2, { callsPerTurn: 1, warmupCalls: 0, decideAfter: 10 });
    // Variant 0 costs 1 except one call stalled at 50; variant 1 always costs 1.5.
    drive(chooser, 10, (v, c) => (v === 0 ? (c === 2 ? 50 : 1) : 1.5));
    expect(chooser.chosen).toBe(0);
  });

  it('ignores costs that are not finite positive numbers, and breaks ties by the lower index', () => {
    const chooser = new FastestVariant(2, { callsPerTurn: 1, warmupCalls: 0, decideAfter: 6 });
    drive(chooser, 6, (v) => (v === 0 ? Number.POSITIVE_INFINITY : 0));
    // Neither recorded a usable cost: both stay at +∞ and the first is kept.
    expect(chooser.chosen).toBe(0);
    const tie = new FastestVariant(3, { callsPerTurn: 1, warmupCalls: 0, decideAfter: 9 });
    drive(tie, 9, (v) => (v === 0 ? 2 : 1));
    expect(tie.chosen).toBe(1);
  });

  it('keeps a variant it is told to, and a lone variant from the start', () => {
    const chooser = new FastestVariant(3);
    chooser.keep(2);
    expect(drive(chooser, 5, () => 1)).toEqual([2, 2, 2, 2, 2]);
    expect(chooser.chosen).toBe(2);
    expect(() => chooser.keep(3)).toThrow(
      'FastestVariant.keep: expected a variant from 0 to 2, found 3',
    );
    const alone = new FastestVariant(1);
    expect(alone.chosen).toBe(0);
    expect(alone.timing).toBe(false);
    expect(() => new FastestVariant(0)).toThrow(
      'FastestVariant: expected at least one variant, found 0',
    );
  });
});
