import { layOutMemory, MAX_WASM_BYTES, type MemoryLayout } from '@digitlab/kernels';
import { type MlpShape, parameterOffsets } from '../mlp-parameters.js';

/**
 * Rows per kernel call: a block's hidden activations, logits and hidden gradients stay in cache
 * between the passes, and its float32 gradient sums are folded into float64 after every block.
 */
export const MLP_BLOCK_ROWS = 256;

/** Units (hidden or classes) padded to whole 4-lane vectors: the kernel's vector strides. */
export const padded = (units: number) => Math.ceil(units / 4) * 4;

/** Floats of the parameter block [W1 (d×hs), b1 (hs), W2 (hs×ks), b2 (ks)] in padded layout. */
export const blockFloats = (d: number, hs: number, ks: number) => d * hs + hs + hs * ks + ks;

/**
 * The regions kernels of several parts share: the compressed training set, and the partial logits
 * each part writes for the others to add up (see `partialSlotBytes`).
 */
export type RowRegion = 'rowSpans' | 'cols' | 'vals' | 'all' | 'partials';

/** A kernel's own regions: its weights, moments, sums, one block's activations, its batch. */
export type OwnRegion =
  | 'batch'
  | 'x64'
  | 'w1'
  | 'b1'
  | 'w2'
  | 'b2'
  | 'w2t'
  | 'hid'
  | 'out'
  | 'dz'
  | 'g1'
  | 'gb1'
  | 'g2'
  | 'gb2'
  | 'm'
  | 'v'
  | 'stats'
  | 'labels'
  | 'rowStats'
  | 'g64'
  | 'grad';

export type Region = RowRegion | OwnRegion;

/**
 * Bytes of the compressed rows: each row's span (where its entries start and end), room for
 * `entries` 16-bit columns and float32 values, the list 0..n−1.
 */
const rowRegions = (
  n: number,
  entries: number,
): Record<Exclude<RowRegion, 'partials'>, number> => ({
  rowSpans: 8 * n,
  cols: 2 * entries,
  vals: 4 * entries,
  all: 4 * n,
});

/**
 * Bytes of one part's partial logits of a block (MLP_BLOCK_ROWS class vectors of `classStride`
 * floats): a whole number of 4 KiB pages, so no two parts write the same cache line. The shared
 * `partials` region holds one slot per part for blocks of each parity (even blocks, then odd),
 * so a part can write the next block's while another still reads this one's.
 */
export const partialSlotBytes = (classStride: number) => 4 * MLP_BLOCK_ROWS * classStride;

function ownRegions(n: number, shape: MlpShape): Record<OwnRegion, number> {
  const { numFeatures: d, hiddenUnits: h, numClasses: k } = shape;
  const hs = padded(h);
  const ks = padded(k);
  const parameters = parameterOffsets(shape).length;
  return {
    batch: 4 * n,
    x64: 8 * parameters,
    // w1, b1, w2 and b2 are adjacent (each a multiple of 16 bytes): the float32 parameter block,
    // laid out as the gradient sums g1…gb2 and Adam's moments m and v are.
    w1: 4 * d * hs,
    b1: 4 * hs,
    w2: 4 * hs * ks,
    b2: 4 * ks,
    w2t: 4 * k * hs,
    hid: 4 * MLP_BLOCK_ROWS * hs,
    out: 4 * MLP_BLOCK_ROWS * ks,
    dz: 4 * MLP_BLOCK_ROWS * hs,
    // g1, gb1 and g2 are adjacent, so one flush covers them.
    g1: 4 * d * hs,
    gb1: 4 * hs,
    g2: 4 * hs * ks,
    gb2: 4 * ks,
    m: 4 * blockFloats(d, hs, ks),
    v: 4 * blockFloats(d, hs, ks),
    stats: 8 * 6,
    labels: MLP_BLOCK_ROWS,
    rowStats: 12 * MLP_BLOCK_ROWS,
    g64: 8 * (d * hs + hs + hs * ks),
    grad: 8 * parameters,
  };
}

/** A share of consecutive rows that one thread compresses, and the entries set aside for it. */
export interface RowShareRoom {
  readonly rows: number;
  /** Entries set aside: the share's nonzeros as counted, or room for all its values. */
  readonly entries: number;
  /** Whether `entries` is the share's count (its fill must find exactly that many). */
  readonly counted: boolean;
}

/** A share in the plan: rows first … end − 1, whose entries go from entry `base` on. */
export interface PlannedShare extends RowShareRoom {
  readonly first: number;
  readonly end: number;
  readonly base: number;
}

/**
 * One memory for the kernels of several parts (threads) of a network over the same rows: the
 * compressed rows once (each share's entries in the room set aside for it), then each part's own
 * regions, each from a new 4 KiB page (no part writes a cache line another reads).
 */
export interface SharedRowsPlan {
  readonly numRows: number;
  /** Room for entries in all (the shares' rooms, one after another). */
  readonly entries: number;
  readonly numFeatures: number;
  readonly shares: readonly PlannedShare[];
  readonly rows: MemoryLayout<RowRegion>;
  readonly parts: readonly { readonly shape: MlpShape; readonly at: MemoryLayout<OwnRegion> }[];
  readonly bytes: number;
}

const PAGE_BYTES = 4096;
const pageAligned = (bytes: number) => Math.ceil(bytes / PAGE_BYTES) * PAGE_BYTES;

/** The layout, without checking it against WebAssembly's 4 GiB. */
function layOutSharedRows(
  rooms: readonly RowShareRoom[],
  shapes: readonly MlpShape[],
): SharedRowsPlan {
  const numFeatures = shapes[0]?.numFeatures;
  if (numFeatures === undefined) {
    throw new RangeError('planSharedRows: expected the shape of at least one part, found none');
  }
  const numClasses = shapes[0]?.numClasses as number;
  let numRows = 0;
  let entries = 0;
  const shares = rooms.map((room, s) => {
    if (
      !(Number.isInteger(room.rows) && room.rows >= 0) ||
      !(
        Number.isInteger(room.entries) &&
        room.entries >= 0 &&
        room.entries <= room.rows * numFeatures
      )
    ) {
      throw new RangeError(
        `planSharedRows: expected share ${s} to hold whole rows and at most ${numFeatures} entries a row, found ${room.rows} rows and ${room.entries} entries`,
      );
    }
    const share = { ...room, first: numRows, end: numRows + room.rows, base: entries };
    numRows += room.rows;
    entries += room.entries;
    return share;
  });
  const regions = layOutMemory(rowRegions(numRows, entries));
  const partials = pageAligned(regions.bytes);
  const slots = 2 * shapes.length * partialSlotBytes(padded(numClasses));
  const rows = { ...regions, partials, bytes: partials + slots };
  let next = pageAligned(rows.bytes);
  const parts = shapes.map((shape, p) => {
    if (shape.numFeatures !== numFeatures || shape.numClasses !== numClasses) {
      throw new RangeError(
        `planSharedRows: expected every part to read ${numFeatures} features and score ${numClasses} classes, found ${shape.numFeatures} and ${shape.numClasses} in part ${p}`,
      );
    }
    const at = layOutMemory(ownRegions(numRows, shape), next);
    next = pageAligned(at.bytes);
    return { shape, at };
  });
  return { numRows, entries, numFeatures, shares, rows, parts, bytes: next };
}

/**
 * Bytes of memory shared rows with room for these shares and parts of these shapes need (they
 * may exceed 4 GiB).
 */
export function sharedRowsBytes(
  rooms: readonly RowShareRoom[],
  shapes: readonly MlpShape[],
): number {
  return layOutSharedRows(rooms, shapes).bytes;
}

export function planSharedRows(
  rooms: readonly RowShareRoom[],
  shapes: readonly MlpShape[],
): SharedRowsPlan {
  const plan = layOutSharedRows(rooms, shapes);
  if (plan.bytes > MAX_WASM_BYTES) {
    const units = shapes.reduce((sum, s) => sum + s.hiddenUnits, 0);
    throw new RangeError(
      `MlpKernel: expected the compressed rows and weights to fit WebAssembly's 4 GiB memory, found ${plan.numRows} rows with room for ${plan.entries} entries and ${units} hidden units in ${shapes.length} part${shapes.length === 1 ? '' : 's'} needing ${(plan.bytes / 2 ** 30).toFixed(1)} GiB`,
    );
  }
  return plan;
}
