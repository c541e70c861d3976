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

  it("adds the parts' partial logits in part order, so every part gets the same bits, blocks of either parity side by side", () => {
    const random = seededRandom(12);
    const n = 50;
    const d = 17;
    const matrix = Float32Array.from({ length: n * d }, () =>
      random() < 0.4 ? random() * 2 - 1 : 0,
    );
    const shapes = [4, 5, 3].map((h) => ({ numFeatures: d, hiddenUnits: h, numClasses: 6 }));
    const shared = shareRows(rowOffsets(matrix, n, d), shapes);
    fillSharedRows(shared, matrix, 0, n);
    const parts = shapes.map((_, p) => MlpKernel.onSharedRows(shared, p));
    expect(parts.map((k) => [k.part, k.parts])).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    shapes.forEach((shape, p) => {
      parts[p]!.setParameters(
        Float64Array.from(glorotUniformParameters(shape, p + 7), (v) => v + 0.1),
      );
    });
    const blocks = [
      Uint32Array.from({ length: 30 }, (_, i) => (i * 7) % n),
      Uint32Array.from({ length: 30 }, (_, i) => (i * 11 + 3) % n),
    ];
    const ks = parts[0]!.classStride;
    // Each part's own logits of each block, then its partials written for both blocks.
    const own = blocks.map((batch) =>
      parts.map((kernel) => {
        kernel.stageBatch(batch);
        kernel.hiddenLayer('batch', 0, 30);
        return Array.from(kernel.outputLayer(30));
      }),
    );
    blocks.forEach((batch, block) => {
      for (const kernel of parts) {
        kernel.stageBatch(batch);
        kernel.hiddenLayer('batch', 0, 30);
        kernel.partialLogits(30, block);
      }
    });
    blocks.forEach((_, block) => {
      const [a, b, c] = own[block] as [number[], number[], number[]];
      const expected = a.map((z, i) => Math.fround(Math.fround(z + b[i]!) + c[i]!));
      expect(expected.length).toBe(30 * ks);
      for (const kernel of parts) {
        kernel.sumPartialLogits(30, block);
        expect(Array.from(kernel.blockLogits(30))).toEqual(expected);
      }
    });
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
    ).toThrow(
      'planSharedRows: expected every part to read 3 features and score 2 classes, found 4 and 2 in part 1',
    );
    expect(() =>
      planSharedRows(2, 3, [shape, { numFeatures: 3, hiddenUnits: 4, numClasses: 3 }]),
    ).toThrow('found 3 and 3 in part 1');
    expect(() => planSharedRows(2, 3, [])).toThrow('expected the shape of at least one part');
    expect(() => planSharedRows(1e6, 8e8, [shape, shape])).toThrow(
      "expected the compressed rows and weights to fit WebAssembly's 4 GiB memory",
    );
  });
});
