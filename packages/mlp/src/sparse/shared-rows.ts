import { countNonzeros, fillRowSpans, fixedMemory, type WasmMemory } from '@digitlab/kernels';
import type { MlpShape } from '../mlp-parameters.js';
import { planSharedRows, type RowShareRoom, type SharedRowsPlan } from './kernel-memory.js';

/**
 * A compressed training set in one shared WebAssembly memory, with room for the kernels of
 * several parts of a network (see planSharedRows): threads fill their shares of its rows at the
 * same time, then each binds its part's kernel to it (`MlpKernel.onSharedRows`), so the rows are
 * written once and never copied. Both fields can be posted to worker threads.
 */
export interface SharedRows {
  readonly memory: WasmMemory;
  readonly plan: SharedRowsPlan;
}

/**
 * The most bytes of entries (a 16-bit column and a float32 value each) set aside for shares that
 * are not counted first. Room for every value of every row is virtual memory of which only the
 * pages the entries fill are ever touched (MNIST: 282 MB set aside, 54 MB filled); larger sets
 * are counted first and get exactly their room.
 */
export const UNCOUNTED_ROOM_BYTES = 2 ** 30;

/**
 * Room for shares of these many consecutive rows of `numFeatures` values each, to compress them
 * in one pass without counting them first (room for every value); undefined when that room would
 * pass `maxBytes` (then count each share: `countedRoom`).
 */
export function uncountedRooms(
  shareRows: readonly number[],
  numFeatures: number,
  maxBytes = UNCOUNTED_ROOM_BYTES,
): RowShareRoom[] | undefined {
  const values = shareRows.reduce((sum, rows) => sum + rows, 0) * numFeatures;
  if (6 * values > maxBytes) return undefined;
  return shareRows.map((rows) => ({ rows, entries: rows * numFeatures, counted: false }));
}

/** Exactly the room rows first … end − 1 of a row-major matrix need: their nonzeros, counted. */
export function countedRoom(
  matrix: Float32Array,
  numFeatures: number,
  first: number,
  end: number,
): RowShareRoom {
  const entries = countNonzeros(matrix.subarray(first * numFeatures, end * numFeatures));
  return { rows: end - first, entries, counted: true };
}

/**
 * A shared memory with room for these consecutive shares of rows and the kernels of parts of
 * these shapes: the row list is written, the rows are left for `fillSharedRows`.
 */
export function shareRows(rooms: readonly RowShareRoom[], shapes: readonly MlpShape[]): SharedRows {
  const plan = planSharedRows(rooms, shapes);
  const memory = fixedMemory(plan.bytes, { shared: true });
  const all = new Int32Array(memory.buffer, plan.rows.all, plan.numRows);
  for (let i = 0; i < plan.numRows; i++) all[i] = i;
  return { memory, plan };
}

/**
 * Compress share `share` of the rows of the row-major matrix (all numRows × numFeatures of it, the
 * one the room was planned for) into its room: its entries, and each row's span. Threads may fill
 * different shares at the same time. Throws when a counted share does not hold the entries
 * counted for it.
 */
export function fillSharedRows(
  { memory, plan }: SharedRows,
  matrix: Float32Array,
  share: number,
): void {
  const s = plan.shares[share];
  if (s === undefined) {
    throw new RangeError(
      `fillSharedRows: expected a share within 0..${plan.shares.length - 1}, found ${share}`,
    );
  }
  const { numRows: n, numFeatures: d } = plan;
  if (matrix.length !== n * d) {
    throw new RangeError(
      `fillSharedRows: expected the ${n} × ${d} matrix the room was planned for, found ${matrix.length} values`,
    );
  }
  const { buffer } = memory;
  const limit = s.base + s.entries;
  const changed = (found: string) =>
    new RangeError(
      `fillSharedRows: expected rows ${s.first}..${s.end - 1} to hold the ${s.entries} entries counted for them, found ${found} (was the matrix changed?)`,
    );
  let end: number;
  try {
    end = fillRowSpans(
      matrix.subarray(s.first * d, s.end * d),
      s.rows,
      d,
      s.base,
      new Int32Array(buffer, plan.rows.rowSpans + 8 * s.first, 2 * s.rows),
      new Uint16Array(buffer, plan.rows.cols, limit),
      new Float32Array(buffer, plan.rows.vals, limit),
    );
  } catch (error) {
    // Only a counted share can outgrow its room (uncounted room holds every value).
    if (error instanceof RangeError && s.counted) throw changed('more');
    throw error;
  }
  if (s.counted && end !== limit) throw changed(String(end - s.base));
}
