import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parameterOffsets } from '../mlp-parameters.js';
import { hiddenUnitParts, packPart, partShape, unpackPart } from './hidden-unit-parts.js';

describe('hiddenUnitParts', () => {
  it('splits 128 units between two threads as 64 and 64, b2 with the first', () => {
    expect(hiddenUnitParts(128, 2)).toEqual([
      { start: 0, end: 64, holdsBias2: true },
      { start: 64, end: 128, holdsBias2: false },
    ]);
  });

  it('covers every unit once in ranges of whole 4-unit vectors, never more parts than vectors', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 70 }), (h, p) => {
        const parts = hiddenUnitParts(h, p);
        expect(parts.length).toBe(Math.min(p, Math.ceil(h / 4)));
        let next = 0;
        for (const part of parts) {
          expect(part.start).toBe(next);
          expect(part.start % 4).toBe(0);
          expect(part.end).toBeGreaterThan(part.start);
          next = part.end;
        }
        expect(next).toBe(h);
        // As even as whole vectors allow.
        const sizes = parts.map((q) => Math.ceil((q.end - q.start) / 4));
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('refuses no units or no parts', () => {
    expect(() => hiddenUnitParts(0, 2)).toThrow('expected at least one hidden unit, found 0');
    expect(() => hiddenUnitParts(8, 0)).toThrow('expected at least one part, found 0');
  });
});

describe('packPart / unpackPart', () => {
  it('round-trips every parameter through the parts, each entry held by exactly one part', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 23 }),
        fc.integer({ min: 1, max: 11 }),
        fc.integer({ min: 1, max: 5 }),
        (d, h, k, p) => {
          const shape = { numFeatures: d, hiddenUnits: h, numClasses: k };
          const n = parameterOffsets(shape).length;
          // Distinct values that float32 holds exactly, so the round trip must be exact.
          const full = Float64Array.from({ length: n }, (_, i) => i + 1);
          const back = new Float64Array(n);
          const holders = new Uint8Array(n);
          for (const part of hiddenUnitParts(h, p)) {
            const ps = partShape(shape, part);
            const hs = Math.ceil(ps.hiddenUnits / 4) * 4;
            const ks = Math.ceil(k / 4) * 4;
            const block = new Float32Array(d * hs + hs + hs * ks + ks).fill(-1);
            packPart(full, shape, part, block);
            const seen = new Float64Array(n);
            unpackPart(block, shape, part, seen);
            for (let i = 0; i < n; i++) {
              if (seen[i] !== 0) {
                holders[i]! += 1;
                back[i] = seen[i]!;
              }
            }
            // Padding is zero (it must not move in the kernel's vectors).
            const held = block.filter((v) => v !== 0).length;
            expect(held).toBe(seen.filter((v) => v !== 0).length);
          }
          expect(Array.from(back)).toEqual(Array.from(full));
          expect(holders.every((c) => c === 1)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
