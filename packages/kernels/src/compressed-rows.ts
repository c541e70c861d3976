/**
 * Compressed sparse rows: a row-major matrix with its zeros left out. Row i's stored entries are
 * rowStart[i] .. rowStart[i+1] − 1, each a column index and a value. MNIST's pixels are 81 % zero,
 * so the softmax objective's passes over the data touch a fifth of what a dense matrix makes them.
 *
 * Compression takes two passes (count, then fill) so the arrays can be sized exactly, and the
 * caller can place them where it likes (the kernel fills its WebAssembly memory directly). Both
 * passes read the float32 bits as integers: no float conversion, and −0 counts as zero.
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
  for (let i = 0, at = 0; i < numRows; i++) {
    if (q !== rowStart[i]) {
      throw new RangeError(
        `compressed rows: row ${i} does not match the offsets counted for it (was the matrix changed?)`,
      );
    }
    for (let j = 0; j < numColumns; j++, at++) {
      const b = bits[at] as number;
      if (b << 1 !== 0) {
        columns[q] = j;
        valueBits[q] = b;
        q++;
      }
    }
  }
  if (q !== total) {
    throw new RangeError(
      `compressed rows: expected ${total} entries as counted, found ${q} (was the matrix changed?)`,
    );
  }
}

/** Compress a row-major numRows × numColumns matrix into fresh arrays. */
export function compressRows(
  matrix: Float32Array,
  numRows: number,
  numColumns: number,
): CompressedRows {
  const rowStart = rowOffsets(matrix, numRows, numColumns);
  const total = rowStart[numRows] as number;
  const columns = new Uint16Array(total);
  const values = new Float32Array(total);
  fillCompressedRows(matrix, numRows, numColumns, rowStart, columns, values);
  return { numRows, numColumns, rowStart, columns, values };
}
