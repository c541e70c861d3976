/**
 * Compressed sparse rows: a row-major matrix with its zeros left out. Row i's stored entries are
 * rowStart[i] .. rowStart[i+1] − 1, each a column index and a value. MNIST's pixels are 81 % zero,
 * so the softmax objective's passes over the data touch a fifth of what a dense matrix makes them.
 *
 * `rowOffsets` and `fillCompressedRows` compress in two passes (count, then fill) so the arrays can
 * be sized exactly where the caller likes (a kernel fills its WebAssembly memory directly);
 * `compressRows` takes one pass into arrays of its own. All read the float32 bits as integers: no
 * float conversion, and −0 counts as zero.
 */
export interface CompressedRows {
  readonly numRows: number;
  readonly numColumns: number;
  /** numRows + 1 offsets into columns/values. */
  readonly rowStart: Int32Array;
  readonly columns: Uint16Array;
  readonly values: Float32Array;
}

/** Column indices are stored in 16 bits: wider matrices stay dense. */
export const MAX_COMPRESSED_COLUMNS = 0x10000;

function bitsOf(matrix: Float32Array): Int32Array {
  return new Int32Array(matrix.buffer, matrix.byteOffset, matrix.length);
}

/**
 * The matrix as float64 pairs, to pass over four zeros with two comparisons: a float64 is zero
 * exactly when its bits are 0 or only its top bit is set, so `quads[h] === 0` says both float32s
 * of the pair are ±0 (the pair (−0, −0), or (−0, +0) in memory order, reads as nonzero and takes
 * the careful path, which still skips both). Only when every row starts on an 8-byte boundary.
 */
function quadsOf(matrix: Float32Array, numColumns: number): Float64Array | undefined {
  if (matrix.byteOffset % 8 !== 0 || numColumns % 2 !== 0) return undefined;
  return new Float64Array(matrix.buffer, matrix.byteOffset, matrix.length >> 1);
}

function checkShape(matrix: Float32Array, numRows: number, numColumns: number): void {
  if (numColumns > MAX_COMPRESSED_COLUMNS) {
    throw new RangeError(
      `compressed rows: expected at most ${MAX_COMPRESSED_COLUMNS} columns (16-bit indices), found ${numColumns}`,
    );
  }
  if (matrix.length !== numRows * numColumns) {
    throw new RangeError(
      `compressed rows: expected ${numRows} × ${numColumns} = ${numRows * numColumns} values, found ${matrix.length}`,
    );
  }
}

/** How many entries of `matrix` are not zero (±0 both count as zero). */
export function countNonzeros(matrix: Float32Array): number {
  const bits = bitsOf(matrix);
  let count = 0;
  for (let i = 0; i < bits.length; i++) if ((bits[i] as number) << 1 !== 0) count++;
  return count;
}

/**
 * The share of nonzero entries, read from at most `maxRows` evenly spaced rows (every row when
 * there are fewer): enough to choose a layout without a full pass over a large matrix.
 */
export function estimateDensity(
  matrix: Float32Array,
  numRows: number,
  numColumns: number,
  maxRows = 2048,
): number {
  checkShape(matrix, numRows, numColumns);
  if (numRows === 0 || numColumns === 0) return 0;
  const bits = bitsOf(matrix);
  const rows = Math.min(numRows, maxRows);
  let count = 0;
  for (let r = 0; r < rows; r++) {
    const at = Math.floor((r * numRows) / rows) * numColumns;
    for (let j = 0; j < numColumns; j++) if ((bits[at + j] as number) << 1 !== 0) count++;
  }
  return count / (rows * numColumns);
}

/** Pass one: each row's first entry offset, and the total nonzero count at index numRows. */
export function rowOffsets(
  matrix: Float32Array,
  numRows: number,
  numColumns: number,
  target: Int32Array = new Int32Array(numRows + 1),
): Int32Array {
  checkShape(matrix, numRows, numColumns);
  const bits = bitsOf(matrix);
  const quads = quadsOf(matrix, numColumns);
  let q = 0;
  for (let i = 0; i < numRows; i++) {
    target[i] = q;
    q += countRow(bits, quads, i * numColumns, numColumns);
  }
  target[numRows] = q;
  return target;
}

/** Pass two: write the entries `rowStart` (from `rowOffsets` on the same matrix) makes room for. */
export function fillCompressedRows(
  matrix: Float32Array,
  numRows: number,
  numColumns: number,
  rowStart: Int32Array,
  columns: Uint16Array,
  values: Float32Array,
): void {
  checkShape(matrix, numRows, numColumns);
  const total = rowStart[numRows] as number;
  if (columns.length < total || values.length < total) {
    throw new RangeError(
      `compressed rows: expected room for ${total} entries, found ${Math.min(columns.length, values.length)}`,
    );
  }
  const bits = bitsOf(matrix);
  const quads = quadsOf(matrix, numColumns);
  // Views of exactly the entries: copyRow's scratch write past a row's last entry lands in the
  // next row's room or, after the last row, nowhere (typed arrays drop writes past their end).
  const held = columns.subarray(0, total);
  const valueBits = bitsOf(values.subarray(0, total));
  let q = 0;
  for (let i = 0; i < numRows; i++) {
    if (q !== rowStart[i]) {
      throw new RangeError(
        `compressed rows: row ${i} does not match the offsets counted for it (was the matrix changed?)`,
      );
    }
    q = copyRow(bits, quads, i * numColumns, numColumns, held, valueBits, q);
  }
  if (q !== total) {
    throw new RangeError(
      `compressed rows: expected ${total} entries as counted, found ${q} (was the matrix changed?)`,
    );
  }
}

/**
 * One pass over rows whose room was set aside without counting them: row i's entries go from
 * `first` on, one row after another, and its span — where its entries start and end — to
 * spans[2i] and spans[2i + 1]. Returns the entry after the last row's. The arrays bound what may
 * be written (`columns` and `values` from index 0 of the entry space, as long as the room), so
 * threads can fill disjoint shares of one entry space at the same time; a share that outgrows its
 * room throws.
 */
export function fillRowSpans(
  matrix: Float32Array,
  numRows: number,
  numColumns: number,
  first: number,
  spans: Int32Array,
  columns: Uint16Array,
  values: Float32Array,
): number {
  checkShape(matrix, numRows, numColumns);
  if (spans.length < 2 * numRows) {
    throw new RangeError(
      `compressed rows: expected room for ${numRows} spans (${2 * numRows} offsets), found ${spans.length}`,
    );
  }
  const room = Math.min(columns.length, values.length);
  const bits = bitsOf(matrix);
  const quads = quadsOf(matrix, numColumns);
  // copyRow may write one scratch entry past a row's last: within the room, or dropped past it.
  const valueBits = bitsOf(values.subarray(0, room));
  const held = columns.subarray(0, room);
  let q = first;
  for (let i = 0; i < numRows; i++) {
    spans[2 * i] = q;
    q = copyRow(bits, quads, i * numColumns, numColumns, held, valueBits, q);
    if (q > room) {
      throw new RangeError(
        `compressed rows: expected the entries to fit entries ${first}..${room - 1}, found row ${i} ending at ${q}`,
      );
    }
    spans[2 * i + 1] = q;
  }
  return q;
}

/** How many of one row's entries (its bits from `at`) are not ±0. */
function countRow(
  bits: Int32Array,
  quads: Float64Array | undefined,
  at: number,
  numColumns: number,
): number {
  let count = 0;
  let j = 0;
  if (quads !== undefined) {
    for (let h = at >> 1; j + 4 <= numColumns; j += 4, h += 2) {
      if (quads[h] === 0 && quads[h + 1] === 0) continue;
      count +=
        ((bits[at + j] as number) << 1 !== 0 ? 1 : 0) +
        ((bits[at + j + 1] as number) << 1 !== 0 ? 1 : 0) +
        ((bits[at + j + 2] as number) << 1 !== 0 ? 1 : 0) +
        ((bits[at + j + 3] as number) << 1 !== 0 ? 1 : 0);
    }
  }
  for (; j < numColumns; j++) if ((bits[at + j] as number) << 1 !== 0) count++;
  return count;
}

/**
 * Append one row's nonzeros (its bits from `at`) from entry q on; returns the next entry. With
 * `quads`, four entries a turn: four zeros are passed over with two comparisons, and the others
 * are written without branches (each entry goes to the next free slot, which advances only past
 * a nonzero), since whether a pixel is zero is too irregular for the branch predictor. The slot
 * after the row's last entry may be written too (the next row's room, or past the arrays' end).
 */
function copyRow(
  bits: Int32Array,
  quads: Float64Array | undefined,
  at: number,
  numColumns: number,
  columns: Uint16Array,
  valueBits: Int32Array,
  q: number,
): number {
  let next = q;
  let j = 0;
  if (quads !== undefined) {
    for (let h = at >> 1; j + 4 <= numColumns; j += 4, h += 2) {
      if (quads[h] === 0 && quads[h + 1] === 0) continue;
      const b0 = bits[at + j] as number;
      const b1 = bits[at + j + 1] as number;
      const b2 = bits[at + j + 2] as number;
      const b3 = bits[at + j + 3] as number;
      columns[next] = j;
      valueBits[next] = b0;
      next += b0 << 1 !== 0 ? 1 : 0;
      columns[next] = j + 1;
      valueBits[next] = b1;
      next += b1 << 1 !== 0 ? 1 : 0;
      columns[next] = j + 2;
      valueBits[next] = b2;
      next += b2 << 1 !== 0 ? 1 : 0;
      columns[next] = j + 3;
      valueBits[next] = b3;
      next += b3 << 1 !== 0 ? 1 : 0;
    }
  }
  for (; j < numColumns; j++) {
    const b = bits[at + j] as number;
    if (b << 1 !== 0) {
      columns[next] = j;
      valueBits[next] = b;
      next++;
    }
  }
  return next;
}

/** Where `compressRows` puts its arrays. */
export interface CompressOptions {
  /** On SharedArrayBuffers, for worker threads to read without a copy. Default false. */
  readonly shared?: boolean;
}

/**
 * Compress a row-major numRows × numColumns matrix into fresh arrays in one pass: room for the
 * share of nonzeros that `estimateDensity` reads off a sample of rows (and some), grown by copying
 * when a row would not fit. The arrays hold exactly the entries (trimmed by a copy, or views of a
 * shared buffer that may be a little larger).
 */
export function compressRows(
  matrix: Float32Array,
  numRows: number,
  numColumns: number,
  { shared = false }: CompressOptions = {},
): CompressedRows {
  const size = numRows * numColumns;
  const expected = estimateDensity(matrix, numRows, numColumns) * size;
  const buffer = (bytes: number) =>
    shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  let capacity = Math.min(size, Math.ceil(expected * 1.05) + numColumns);
  let columns = new Uint16Array(buffer(2 * capacity));
  let valueBits = new Int32Array(buffer(4 * capacity));
  const rowStart = new Int32Array(buffer(4 * (numRows + 1)));
  const bits = bitsOf(matrix);
  const quads = quadsOf(matrix, numColumns);
  let q = 0;
  for (let i = 0; i < numRows; i++) {
    rowStart[i] = q;
    // Room for the whole row, copyRow's scratch slot included.
    if (q + numColumns > capacity) {
      capacity = Math.min(size, Math.max(2 * capacity, q + numColumns));
      const grownColumns = new Uint16Array(buffer(2 * capacity));
      const grownValues = new Int32Array(buffer(4 * capacity));
      grownColumns.set(columns.subarray(0, q));
      grownValues.set(valueBits.subarray(0, q));
      columns = grownColumns;
      valueBits = grownValues;
    }
    q = copyRow(bits, quads, i * numColumns, numColumns, columns, valueBits, q);
  }
  rowStart[numRows] = q;
  const values = new Float32Array(valueBits.buffer, 0, valueBits.length);
  return {
    numRows,
    numColumns,
    rowStart,
    columns: shared ? columns.subarray(0, q) : columns.slice(0, q),
    values: shared ? values.subarray(0, q) : values.slice(0, q),
  };
}
