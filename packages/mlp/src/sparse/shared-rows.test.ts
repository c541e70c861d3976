import { seededRandom } from '@digitlab/datasets';
import { compressRows } from '@digitlab/kernels';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { glorotUniformParameters } from '../glorot-uniform.js';
import { planSharedRows } from './kernel-memory.js';
import { MlpKernel } from './mlp-kernel.js';
import {
  countedRoom,
  fillSharedRows,
  shareRows,
  UNCOUNTED_ROOM_BYTES,
  uncountedRooms,
} from './shared-rows.js';

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
  it('fill shares, counted or not, in any order, to the rows one compression gives', () => {
    fc.assert(
      fc.property(cases, fc.boolean(), ({ n, d, values, cuts }, counted) => {
        const matrix = Float32Array.from(values);
        const bounds = cutsOf(n, cuts);
        const ranges = bounds.slice(1).map((end, s) => ({ first: bounds[s] as number, end }));
        const rooms = counted
          ? ranges.map(({ first, end }) => countedRoom(matrix, d, first, end))
          : uncountedRooms(
              ranges.map(({ first, end }) => end - first),
              d,
            );
        const shape = { numFeatures: d, hiddenUnits: 5, numClasses: 3 };
        const shared = shareRows(rooms!, [shape, shape]);
        expect(shared.plan.shares.map((s) => [s.first, s.end])).toEqual(
          ranges.map(({ first, end }) => [first, end]),
        );
        // The last share first: each writes only its own entries.
        for (let s = ranges.length - 1; s >= 0; s--) fillSharedRows(shared, matrix, s);
        const expected = compressRows(matrix, n, d);
        const kernels = [
          MlpKernel.onSharedRows(shared, 0),
          MlpKernel.onSharedRows(shared, 1),
          MlpKernel.fromMatrix(matrix, n, shape),
        ];
        for (const kernel of kernels) {
          for (let i = 0; i < n; i++) {
            const start = expected.rowStart[i] as number;
            const stop = expected.rowStart[i + 1] as number;
            const row = kernel.row(i);
            expect(Array.from(row.columns)).toEqual(
              Array.from(expected.columns.subarray(start, stop)),
            );
            // The bits: -0 is not stored, and every stored value is its own.
            expect(Array.from(new Int32Array(row.values.slice().buffer))).toEqual(
              Array.from(new Int32Array(expected.values.slice(start, stop).buffer)),
            );
          }
        }
      }),
    );
  });

  it('sets room for every value aside only up to UNCOUNTED_ROOM_BYTES, and plans counted shares exactly', () => {
    const perRow = 784;
    const rows = Math.floor(UNCOUNTED_ROOM_BYTES / 6 / perRow);
    expect(uncountedRooms([rows], perRow)).toEqual([
      { rows, entries: rows * perRow, counted: false },
    ]);
    expect(uncountedRooms([rows, 1], perRow)).toBeUndefined();
    const shape = { numFeatures: 3, hiddenUnits: 4, numClasses: 2 };
    const plan = planSharedRows(
      [
        { rows: 2, entries: 5, counted: true },
        { rows: 3, entries: 9, counted: false },
      ],
      [shape],
    );
    expect(plan.shares).toEqual([
      { rows: 2, entries: 5, counted: true, first: 0, end: 2, base: 0 },
      { rows: 3, entries: 9, counted: false, first: 2, end: 5, base: 5 },
    ]);
    expect(plan.entries).toBe(14);
    expect(plan.numRows).toBe(5);
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
    const shared = shareRows(uncountedRooms([n], d)!, shapes);
    fillSharedRows(shared, matrix, 0);
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
    const shared = shareRows(uncountedRooms([n], d)!, shapes);
    fillSharedRows(shared, matrix, 0);
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
    const shared = shareRows([countedRoom(matrix, 3, 0, 2)], [shape]);
    expect(() => fillSharedRows(shared, matrix, 1)).toThrow(
      'fillSharedRows: expected a share within 0..0, found 1',
    );
    expect(() => fillSharedRows(shared, matrix.subarray(0, 3), 0)).toThrow(
      'fillSharedRows: expected the 2 × 3 matrix the room was planned for, found 3 values',
    );
    // A matrix changed between counting and filling: more entries, or fewer.
    expect(() => fillSharedRows(shared, Float32Array.of(1, 5, 0, 2, 3, 0), 0)).toThrow(
      'fillSharedRows: expected rows 0..1 to hold the 3 entries counted for them, found more (was the matrix changed?)',
    );
    expect(() => fillSharedRows(shared, Float32Array.of(1, 0, 0, 2, 0, 0), 0)).toThrow(
      'expected rows 0..1 to hold the 3 entries counted for them, found 2',
    );
    expect(() => MlpKernel.onSharedRows(shared, 1)).toThrow(
      'MlpKernel.onSharedRows: expected a part within 0..0, found 1',
    );
    fillSharedRows(shared, matrix, 0);
    const kernel = MlpKernel.onSharedRows(shared, 0);
    expect(Array.from(kernel.row(1).values)).toEqual([2, 3]);
    expect(() => kernel.row(2)).toThrow('MlpKernel.row: expected a row within 0..1, found 2');
    expect(() => planSharedRows([{ rows: 2, entries: 7, counted: true }], [shape])).toThrow(
      'planSharedRows: expected share 0 to hold whole rows and at most 3 entries a row, found 2 rows and 7 entries',
    );
    const two = [{ rows: 2, entries: 3, counted: true }];
    expect(() =>
      planSharedRows(two, [shape, { numFeatures: 4, hiddenUnits: 4, numClasses: 2 }]),
    ).toThrow(
      'planSharedRows: expected every part to read 3 features and score 2 classes, found 4 and 2 in part 1',
    );
    expect(() =>
      planSharedRows(two, [shape, { numFeatures: 3, hiddenUnits: 4, numClasses: 3 }]),
    ).toThrow('found 3 and 3 in part 1');
    expect(() => planSharedRows(two, [])).toThrow('expected the shape of at least one part');
    expect(() =>
      planSharedRows(
        [{ rows: 1e6, entries: 8e8, counted: true }],
        [{ ...shape, numFeatures: 800 }],
      ),
    ).toThrow("expected the compressed rows and weights to fit WebAssembly's 4 GiB memory");
  });
});
