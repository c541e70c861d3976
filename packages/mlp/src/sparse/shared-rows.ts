import { fillCompressedRows, fixedMemory, type WasmMemory } from '@digitlab/kernels';
import type { MlpShape } from '../mlp-parameters.js';
import { planSharedRows, type SharedRowsPlan } from './kernel-memory.js';

/**
 * A compressed training set in one shared WebAssembly memory, with room for the kernels of
 * several parts of a network (see planSharedRows): threads fill disjoint ranges of its rows at the
 * same time, then each binds its part's kernel to it (`MlpKernel.onSharedRows`), so the rows are
 * written once and never copied. Both fields can be posted to worker threads.
 */
export interface SharedRows {
  readonly memory: WasmMemory;
  readonly plan: SharedRowsPlan;
}

/**
 * Row offsets of consecutive shares of rows (each counted from 0, as `rowOffsets` returns them
 * for its share) joined into the offsets of all the rows.
 */
export function joinRowOffsets(shares: readonly Int32Array[]): Int32Array {
  const numRows = shares.reduce((sum, share) => sum + share.length - 1, 0);
  const joined = new Int32Array(numRows + 1);
  let row = 0;
  let entry = 0;
  for (const share of shares) {
    const rows = share.length - 1;
    for (let i = 0; i < rows; i++) joined[row + i] = entry + (share[i] as number);
    row += rows;
    entry += share[rows] as number;
  }
  joined[numRows] = entry;
  return joined;
}

/**
 * A shared memory for rows with these offsets (numRows + 1 of them, as `rowOffsets` counts them)
 * and the kernels of parts of these shapes: the offsets and the row list are written, the entries
 * are left for `fillSharedRows`.
 */
export function shareRows(rowStart: Int32Array, shapes: readonly MlpShape[]): SharedRows {
  const numRows = rowStart.length - 1;
  const nonzeros = rowStart[numRows];
  if (numRows < 0 || nonzeros === undefined || rowStart[0] !== 0) {
    throw new RangeError(
      `shareRows: expected row offsets from 0 (numRows + 1 of them), found ${rowStart.length} starting at ${rowStart[0]}`,
    );
  }
  const plan = planSharedRows(numRows, nonzeros, shapes);
  const memory = fixedMemory(plan.bytes, { shared: true });
  new Int32Array(memory.buffer, plan.rows.rowStart, numRows + 1).set(rowStart);
  const all = new Int32Array(memory.buffer, plan.rows.all, numRows);
  for (let i = 0; i < numRows; i++) all[i] = i;
  return { memory, plan };
}

/**
 * Write the entries of rows first … end − 1 of the row-major matrix (all numRows × numFeatures
 * of it, the one the offsets were counted on) into their place; threads may fill disjoint ranges
 * at the same time. Throws when a row does not hold the entries counted for it.
 */
export function fillSharedRows(
  { memory, plan }: SharedRows,
  matrix: Float32Array,
  first: number,
  end: number,
): void {
  const { numRows: n, numFeatures: d } = plan;
  if (
    !(Number.isInteger(first) && Number.isInteger(end) && 0 <= first && first <= end && end <= n)
  ) {
    throw new RangeError(`fillSharedRows: expected rows within 0..${n}, found ${first}..${end}`);
  }
  if (matrix.length !== n * d) {
    throw new RangeError(
      `fillSharedRows: expected the ${n} × ${d} matrix the offsets were counted on, found ${matrix.length} values`,
    );
  }
  const { buffer } = memory;
  const offsets = new Int32Array(buffer, plan.rows.rowStart, n + 1);
  const base = offsets[first] as number;
  const count = (offsets[end] as number) - base;
  const local = new Int32Array(end - first + 1);
  for (let i = 0; i <= end - first; i++) local[i] = (offsets[first + i] as number) - base;
  fillCompressedRows(
    matrix.subarray(first * d, end * d),
    end - first,
    d,
    local,
    new Uint16Array(buffer, plan.rows.cols + 2 * base, count),
    new Float32Array(buffer, plan.rows.vals + 4 * base, count),
  );
}
