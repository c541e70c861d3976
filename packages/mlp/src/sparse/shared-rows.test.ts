import { seededRandom } from '@digitlab/datasets';
import { rowOffsets } from '@digitlab/kernels';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { glorotUniformParameters } from '../glorot-uniform.js';
import { planSharedRows } from './kernel-memory.js';
import { MlpKernel } from './mlp-kernel.js';
import { fillSharedRows, joinRowOffsets, shareRows } from './shared-rows.js';

/** n × d with a share of zeros (-0 among them), and cut points 0 = c₀ ≤ … ≤ c_k = n. */
const cases = fc
  .record({ n: fc.integer({ min: 0, max: 14 }), d: fc.integer({ min: 1, max: 11 }) })
  .chain(({ n, d }) =>
    fc.record({
      n: fc.constant(n),
      d: fc.constant(d),
      values: fc.array(
        fc.oneof(
          { weight: 5, arbitrary: fc.constant(0) },
          { weight: 1, arbitrary: fc.constant(-0) },
          { weight: 4, arbitrary: fc.float({ noNaN: true, min: -4, max: 4 }) },
        ),
        { minLength: n * d, maxLength: n * d },
      ),
      cuts: fc.uniqueArray(fc.integer({ min: 0, max: n }), { maxLength: 4 }),
    }),
  );

const cutsOf = (n: number, inner: readonly number[]) => [0, ...[...inner].sort((a, b) => a - b), n];

describe('shared rows', () => {
  it('count and fill in shares (in any order) to the rows one compression gives', () => {
    fc.assert(
      fc.property(cases, ({ n, d, values, cuts }) => {
        const matrix = Float32Array.from(values);
        const bounds = cutsOf(n, cuts);
        const shares = bounds.slice(1).map((end, s) => {
          const first = bounds[s] as number;
          return rowOffsets(matrix.subarray(first * d, end * d), end - first, d);
        });
        const offsets = joinRowOffsets(shares);
        const shape = { numFeatures: d, hiddenUnits: 5, numClasses: 3 };
        expect(Array.from(offsets)).toEqual(Array.from(rowOffsets(matrix, n, d)));
        const shared = shareRows(offsets, [shape, shape]);
        // The last share first: each writes only its own entries.
        for (let s = bounds.length - 2; s >= 0; s--) {
          fillSharedRows(shared, matrix, bounds[s] as number, bounds[s + 1] as number);
        }
        const expected = MlpKernel.fromMatrix(matrix, n, shape).rows();
        for (const part of [0, 1]) {
          const rows = MlpKernel.onSharedRows(shared, part).rows();
          expect(Array.from(rows.rowStart)).toEqual(Array.from(expected.rowStart));
          expect(Array.from(rows.columns)).toEqual(Array.from(expected.columns));
          // The bits: -0 is not stored, and every stored value is its own.
          expect(Array.from(new Int32Array(rows.values.slice().buffer))).toEqual(
            Array.from(new Int32Array(expected.values.slice().buffer)),
          );
        }
      }),
    );
  });

  it("gives each part's kernel its own regions: parts compute as kernels of their own would, side by side", () => {
    const random = seededRandom(11);
    const n = 70;
    const d = 23;
    const matrix = Float32Array.from({ length: n * d }, () =>
      random() < 0.3 ? random() * 2 - 1 : 0,
    );
    const shapes = [
      { numFeatures: d, hiddenUnits: 8, numClasses: 3 },
      { numFeatures: d, hiddenUnits: 5, numClasses: 3 },
    ];
    const shared = shareRows(rowOffsets(matrix, n, d), shapes);
    fillSharedRows(shared, matrix, 0, n);
    const parts = shapes.map((_, p) => MlpKernel.onSharedRows(shared, p));
    const alone = shapes.map((shape) => MlpKernel.fromMatrix(matrix, n, shape));
    const batch = Uint32Array.from({ length: 40 }, (_, i) => (i * 13) % n);
    // Both parts loaded first, then both run: a part that wrote into the other's regions shows.
    shapes.forEach((shape, p) => {
      const x = Float64Array.from(glorotUniformParameters(shape, p + 1), (v) => v + 0.05);
      parts[p]!.setParameters(x);
      alone[p]!.setParameters(x);
      parts[p]!.stageBatch(batch);
      alone[p]!.stageBatch(batch);
    });
    shapes.forEach((_, p) => {
      const logits = Array.from(parts[p]!.forward('batch', 0, 40));
      expect(logits).toEqual(Array.from(alone[p]!.forward('batch', 0, 40)));
      expect(Array.from(parts[p]!.hiddenActivations(40))).toEqual(
        Array.from(alone[p]!.hiddenActivations(40)),
      );
    });
    // Each part's regions start on a page of its own, after the rows.
    const plan = shared.plan;
    const starts = plan.parts.map(({ at }) => Math.min(...Object.values(at)));
    expect(starts[0]! % 4096).toBe(0);
    expect(starts[1]! % 4096).toBe(0);
    expect(starts[0]!).toBeGreaterThanOrEqual(plan.rows.bytes);
    expect(starts[1]!).toBeGreaterThanOrEqual(plan.parts[0]!.at.bytes);
    expect(plan.bytes).toBeGreaterThanOrEqual(plan.parts[1]!.at.bytes);
  });

  it('refuses what does not fit, naming what was expected and found', () => {
    const matrix = Float32Array.of(1, 0, 0, 2, 3, 0);
    const shape = { numFeatures: 3, hiddenUnits: 4, numClasses: 2 };
    const shared = shareRows(rowOffsets(matrix, 2, 3), [shape]);
    expect(() => fillSharedRows(shared, matrix, 1, 3)).toThrow(
      'fillSharedRows: expected rows within 0..2, found 1..3',
    );
    expect(() => fillSharedRows(shared, matrix.subarray(0, 3), 0, 1)).toThrow(
      'fillSharedRows: expected the 2 × 3 matrix the offsets were counted on, found 3 values',
    );
    // A matrix changed between counting and filling.
    expect(() => fillSharedRows(shared, Float32Array.of(1, 5, 0, 2, 3, 0), 0, 2)).toThrow(
      'does not match the offsets counted for it',
    );
    expect(() => MlpKernel.onSharedRows(shared, 1)).toThrow(
      'MlpKernel.onSharedRows: expected a part within 0..0, found 1',
    );
    expect(() => shareRows(Int32Array.of(2, 3), [shape])).toThrow(
      'shareRows: expected row offsets from 0',
    );
    expect(() =>
      planSharedRows(2, 3, [shape, { numFeatures: 4, hiddenUnits: 4, numClasses: 2 }]),
    ).toThrow('planSharedRows: expected every part to read 3 features, found 4 in part 1');
    expect(() => planSharedRows(2, 3, [])).toThrow('expected the shape of at least one part');
    expect(() => planSharedRows(1e6, 8e8, [shape, shape])).toThrow(
      "expected the compressed rows and weights to fit WebAssembly's 4 GiB memory",
    );
  });
});
