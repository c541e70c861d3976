import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toNumberArray } from './vector-ops.js';

describe('toNumberArray', () => {
  it('copies every entry exactly, whatever the values (−0, NaN, ±Infinity, integers, empty)', () => {
    fc.assert(
      fc.property(fc.array(fc.double()), (values) => {
        const out = toNumberArray(Float64Array.from(values));
        expect(Array.isArray(out)).toBe(true);
        expect(out.length).toBe(values.length);
        // Object.is tells −0 from 0 and matches NaN with NaN.
        for (const [i, v] of out.entries()) expect(Object.is(v, values[i])).toBe(true);
      }),
    );
    expect(toNumberArray(new Float64Array(0))).toEqual([]);
  });

  it('leaves no placeholder behind in a long array', () => {
    const a = Float64Array.from({ length: 100_003 }, (_, i) => (i % 7 === 0 ? i : i / 3));
    const out = toNumberArray(a);
    expect(out.some((v) => Number.isNaN(v))).toBe(false);
    expect(out[100_002]).toBe(a[100_002]);
    expect(JSON.parse(JSON.stringify(out))).toEqual(Array.from(a));
  });
});
