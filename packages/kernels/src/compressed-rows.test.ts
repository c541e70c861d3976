import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compressRows,
  countNonzeros,
  estimateDensity,
  fillCompressedRows,
  fillRowSpans,
  MAX_COMPRESSED_COLUMNS,
  rowOffsets,
} from './compressed-rows.js';

/** Back to a dense row-major matrix. */
function expand(rows: ReturnType<typeof compressRows>): Float32Array {
  const out = new Float32Array(rows.numRows * rows.numColumns);
  for (let i = 0; i < rows.numRows; i++) {
    for (let q = rows.rowStart[i] as number; q < (rows.rowStart[i + 1] as number); q++) {
      out[i * rows.numColumns + (rows.columns[q] as number)] = rows.values[q] as number;
    }
  }
  return out;
}

describe('compressed rows', () => {
  it('compress a hand-written matrix, treating −0 as zero and keeping tiny values', () => {
    const matrix = Float32Array.of(0, 1.5, 0, -2, /* row 1 blank */ 0, -0, 0, 0, 3, 0, 1e-30, 0);
    const rows = compressRows(matrix, 3, 4);
    expect(Array.from(rows.rowStart)).toEqual([0, 2, 2, 4]);
    expect(Array.from(rows.columns)).toEqual([1, 3, 0, 2]);
    expect(Array.from(rows.values)).toEqual([1.5, -2, 3, Math.fround(1e-30)]);
    expect(countNonzeros(matrix)).toBe(4);
  });

  it('round-trip any matrix exactly (property)', () => {
    const matrices = fc
      .record({ rows: fc.integer({ min: 0, max: 12 }), columns: fc.integer({ min: 1, max: 9 }) })
      .chain(({ rows, columns }) =>
        fc
          .array(
            fc.oneof(
              fc.constant(0),
              fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
            ),
            { minLength: rows * columns, maxLength: rows * columns },
          )
          .map((values) => ({ rows, columns, matrix: Float32Array.from(values) })),
      );
    fc.assert(
      fc.property(matrices, ({ rows, columns, matrix }) => {
        const compressed = compressRows(matrix, rows, columns);
        // −0 comes back as +0, which every product treats the same.
        expect(Array.from(expand(compressed))).toEqual(Array.from(matrix, (v) => v + 0));
        expect(compressed.values.length).toBe(Array.from(matrix).filter((v) => v !== 0).length);
        expect(compressed.values.every((v) => v !== 0)).toBe(true);
        for (let i = 0; i < rows; i++) {
          const start = compressed.rowStart[i] as number;
          const end = compressed.rowStart[i + 1] as number;
          const cols = Array.from(compressed.columns.subarray(start, end));
          expect(cols).toEqual([...cols].sort((a, b) => a - b));
        }
      }),
    );
  });

  it('agree with a one-entry-at-a-time reference on any layout: −0 in every position, rows that start off an 8-byte boundary, widths not a multiple of 4 (property)', () => {
    // Mostly zeros in runs (as images are), with ±0 pairs in both orders, which the four-at-a-time
    // pass reads as float64s; `offset` shifts the matrix inside its buffer by whole floats.
    const entry = fc.oneof(
      { weight: 6, arbitrary: fc.constant(0) },
      { weight: 2, arbitrary: fc.constant(-0) },
      { weight: 3, arbitrary: fc.float({ noNaN: true, min: -3, max: 3 }) },
    );
    const cases = fc
      .record({
        rows: fc.integer({ min: 0, max: 9 }),
        columns: fc.integer({ min: 1, max: 13 }),
        offset: fc.integer({ min: 0, max: 3 }),
      })
      .chain((shape) =>
        fc
          .array(entry, {
            minLength: shape.rows * shape.columns,
            maxLength: shape.rows * shape.columns,
          })
          .map((values) => ({ ...shape, values })),
      );
    fc.assert(
      fc.property(cases, ({ rows, columns, offset, values }) => {
        const buffer = new Float32Array(offset + values.length + 1);
        buffer.set(values, offset);
        const matrix = buffer.subarray(offset, offset + values.length);
        const expected = { starts: [0], columns: [] as number[], values: [] as number[] };
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < columns; j++) {
            const v = matrix[i * columns + j] as number;
            if (v !== 0) {
              expected.columns.push(j);
              expected.values.push(v);
            }
          }
          expected.starts.push(expected.columns.length);
        }
        const total = expected.columns.length;
        const one = compressRows(matrix, rows, columns);
        expect(Array.from(one.rowStart)).toEqual(expected.starts);
        expect(Array.from(one.columns)).toEqual(expected.columns);
        expect(Array.from(one.values)).toEqual(expected.values);
        const starts = rowOffsets(matrix, rows, columns);
        expect(Array.from(starts)).toEqual(expected.starts);
        // Arrays longer than the entries: nothing is written past them.
        const cols = new Uint16Array(total + 3).fill(7777);
        const vals = new Float32Array(total + 3).fill(-5);
        fillCompressedRows(matrix, rows, columns, starts, cols, vals);
        expect(Array.from(cols)).toEqual([...expected.columns, 7777, 7777, 7777]);
        expect(Array.from(vals)).toEqual([...expected.values, -5, -5, -5]);
        expect(countNonzeros(matrix)).toBe(total);
        // One pass from entry `first` into room for every value, spans written beside: the same
        // entries, after `first`, and nothing past the last one.
        const first = 2 + offset;
        const room = first + rows * columns;
        const spanCols = new Uint16Array(room + 2).fill(7777);
        const spanVals = new Float32Array(room + 2).fill(-5);
        const spans = new Int32Array(2 * rows).fill(-1);
        const end = fillRowSpans(
          matrix,
          rows,
          columns,
          first,
          spans,
          spanCols.subarray(0, room),
          spanVals.subarray(0, room),
        );
        expect(end).toBe(first + total);
        expect(Array.from(spans)).toEqual(
          Array.from({ length: rows }, (_, i) => [
            first + expected.starts[i]!,
            first + expected.starts[i + 1]!,
          ]).flat(),
        );
        expect(Array.from(spanCols.subarray(first, end))).toEqual(expected.columns);
        expect(Array.from(spanVals.subarray(first, end))).toEqual(expected.values);
        expect(Array.from(spanCols.subarray(0, first)).every((c) => c === 7777)).toBe(true);
        expect(Array.from(spanCols.subarray(room))).toEqual([7777, 7777]);
      }),
      { numRuns: 300 },
    );
  });

  it('grow their arrays when the sampled rows underestimate the rest, and share them on request', () => {
    // 5000 rows of 3: the rows estimateDensity samples (2,048 evenly spaced) are all zero, the
    // others full, so the first guess holds one row and the arrays grow many times.
    const rows = 5000;
    const sampled = new Set(Array.from({ length: 2048 }, (_, r) => Math.floor((r * rows) / 2048)));
    const matrix = new Float32Array(rows * 3);
    for (let i = 0; i < rows; i++) if (!sampled.has(i)) matrix.fill(i + 1, i * 3, i * 3 + 3);
    expect(estimateDensity(matrix, rows, 3)).toBe(0);
    for (const shared of [false, true]) {
      const compressed = compressRows(matrix, rows, 3, { shared });
      expect(compressed.values.length).toBe(3 * (rows - sampled.size));
      expect(Array.from(expand(compressed))).toEqual(Array.from(matrix));
      expect(compressed.values.buffer instanceof SharedArrayBuffer).toBe(shared);
      expect(compressed.rowStart.buffer instanceof SharedArrayBuffer).toBe(shared);
    }
  });

  it('estimate density exactly from every row, or from evenly spaced rows of a larger matrix', () => {
    // Rows: 2 of 4 nonzero, 0 of 4, 4 of 4, 1 of 4.
    const matrix = Float32Array.of(1, 0, 2, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 3);
    expect(estimateDensity(matrix, 4, 4)).toBe(7 / 16);
    // Two rows of four: rows 0 and 2.
    expect(estimateDensity(matrix, 4, 4, 2)).toBe(6 / 8);
    expect(estimateDensity(new Float32Array(0), 0, 4)).toBe(0);
  });

  it('refuse a matrix whose length does not match its shape, or too many columns', () => {
    expect(() => compressRows(new Float32Array(7), 2, 4)).toThrow(
      /expected 2 × 4 = 8 values, found 7/,
    );
    expect(() => rowOffsets(new Float32Array(0), 0, MAX_COMPRESSED_COLUMNS + 1)).toThrow(
      /expected at most 65536 columns \(16-bit indices\), found 65537/,
    );
  });

  it('refuse to fill spans past their room, saying where', () => {
    const matrix = Float32Array.of(1, 2, 0, 3, 4, 5);
    expect(() =>
      fillRowSpans(matrix, 2, 3, 1, new Int32Array(4), new Uint16Array(5), new Float32Array(5)),
    ).toThrow('compressed rows: expected the entries to fit entries 1..4, found row 1 ending at 6');
    expect(() =>
      fillRowSpans(matrix, 2, 3, 0, new Int32Array(3), new Uint16Array(9), new Float32Array(9)),
    ).toThrow('expected room for 2 spans (4 offsets), found 3');
  });

  it('notice a matrix that changed between counting and filling', () => {
    const matrix = Float32Array.of(1, 0, 0, 2);
    const rowStart = rowOffsets(matrix, 2, 2);
    matrix[1] = 5;
    expect(() =>
      fillCompressedRows(matrix, 2, 2, rowStart, new Uint16Array(3), new Float32Array(3)),
    ).toThrow(/row 1 does not match the offsets counted for it/);
    expect(() =>
      fillCompressedRows(
        Float32Array.of(1, 0, 0, 2),
        2,
        2,
        rowStart,
        new Uint16Array(1),
        new Float32Array(1),
      ),
    ).toThrow(/expected room for 2 entries, found 1/);
  });
});
