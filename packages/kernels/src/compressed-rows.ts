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
  let q = 0;
  for (let i = 0, at = 0; i < numRows; i++) {
    target[i] = q;
    for (const end = at + numColumns; at < end; at++) if ((bits[at] as number) << 1 !== 0) q++;
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
  const valueBits = bitsOf(values);
  let q = 0;
  for (let i = 0; i < numRows; i++) {
    if (q !== rowStart[i]) {
      throw new RangeError(
        `compressed rows: row ${i} does not match the offsets counted for it (was the matrix changed?)`,
      );
    }
    q = copyRow(bits, i * numColumns, numColumns, columns, valueBits, q);
  }
  if (q !== total) {
    throw new RangeError(
      `compressed rows: expected ${total} entries as counted, found ${q} (was the matrix changed?)`,
    );
  }
}

/** Append one row's nonzeros (its bits from `at`) from entry q on; returns the next entry. */
function copyRow(
  bits: Int32Array,
  at: number,
  numColumns: number,
  columns: Uint16Array,
  valueBits: Int32Array,
  q: number,
): number {
  let next = q;
  for (let j = 0; j < numColumns; j++) {
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
  let q = 0;
  for (let i = 0; i < numRows; i++) {
    rowStart[i] = q;
    if (q + numColumns > capacity) {
      capacity = Math.min(size, Math.max(2 * capacity, q + numColumns));
      const grownColumns = new Uint16Array(buffer(2 * capacity));
      const grownValues = new Int32Array(buffer(4 * capacity));
      grownColumns.set(columns.subarray(0, q));
      grownValues.set(valueBits.subarray(0, q));
      columns = grownColumns;
      valueBits = grownValues;
    }
    q = copyRow(bits, i * numColumns, numColumns, columns, valueBits, q);
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
